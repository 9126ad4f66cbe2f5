/**
 * Abuse of an active Inbox Health Trigger in a real n8n 2.41 server: deliveries that are
 * not JSON, a 10 MB body, wrong content types, no or a forged signature, a signed body
 * that is no event, and 200 forged deliveries at once.
 *
 * What it proves: each is refused with a 4xx (400/401/413/422), never a 5xx or a dropped
 * connection; none starts an execution; n8n stays healthy; and a real delivery from the
 * sandbox afterwards still starts exactly one execution.
 *
 * Slow (~30 s): n8n starts in ~10-20 s.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import { sign } from '../../sandbox/signature';
import { getFreePort, PACKAGE_NAME, startN8n, type N8nInstance, type Workflow, type WorkflowJson } from '../../scripts/n8n';
import { ensureRuntime, REPO_ROOT } from '../../scripts/runtime';
import { TEST_API_KEY, useSandbox } from '../support/sandbox';

const CREDENTIAL_TYPE = 'inboxHealthApi';
const TRIGGER_NODE = `${PACKAGE_NAME}.inboxHealthTrigger`;
const SIGNATURE_HEADER = 'X-InboxHealth-Signature';
/**
 * Statuses a refused delivery may get: the node's 400/401; n8n's own 413 for a body over
 * N8N_PAYLOAD_SIZE_MAX and 422 for an application/json body its body parser cannot parse
 * (that one never reaches the node).
 */
const REFUSALS = [400, 401, 413, 422];
const CONCURRENT_FORGERIES = 200;
const RUN_TAG = randomBytes(4).toString('hex');
const WEBHOOK_ID = `abuse-${RUN_TAG}`;

// Every delivery is one request (no retries), so the sandbox's delivery log is exact.
const sandbox = useSandbox({ deliveryRetries: 0 });
let n8n: N8nInstance;
let userFolder: string;
let workflow: Workflow;
let webhookUrl: string;

const SEED = {
	enterprises: [{ id: 1, name: 'Abuse Health' }],
	practices: [{ id: 1, enterprise_id: 1, name: 'Main Office' }],
};

function triggerWorkflow(credential: { id: string; name: string }): WorkflowJson {
	return {
		name: `E2E webhook abuse (${RUN_TAG})`,
		nodes: [
			{
				name: 'Inbox Health Trigger',
				type: TRIGGER_NODE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				credentials: { [CREDENTIAL_TYPE]: credential },
				parameters: { events: ['patient_created'], options: {} },
			},
			{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'Inbox Health Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** An event as the sandbox sends it. */
function fakeEvent(id: number): Record<string, unknown> {
	return {
		id,
		livemode: false,
		created_at: '2026-12-03T10:00:00.000Z',
		event_type: 'patient_created',
		event_data: { object: { id: 9000 + id, object: 'patient', first_name: 'Mallory', last_name: 'Forger' } },
	};
}

interface Answer {
	status: number;
	body: string;
}

async function post(body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
	const res = await fetch(webhookUrl, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : new Uint8Array(body),
		signal: AbortSignal.timeout(30_000),
	});
	return { status: res.status, body: (await res.text()).slice(0, 300) };
}

beforeAll(async () => {
	mkdirSync(path.join(REPO_ROOT, '.e2e'), { recursive: true });
	userFolder = mkdtempSync(path.join(REPO_ROOT, '.e2e', 'n8n-abuse-'));
	const runtime = await ensureRuntime({ log: (message) => process.stderr.write(`${message}\n`) });
	n8n = await startN8n({ userFolder, port: await getFreePort(), runtime, quiet: true });
	await sandbox().reset(SEED);
	const credential = await n8n.createCredential('Inbox Health abuse', CREDENTIAL_TYPE, {
		apiKey: TEST_API_KEY,
		authMethod: 'basicAuth',
		environment: 'custom',
		customBaseUrl: sandbox().baseUrl,
		rateLimitPerSecond: 100,
		rateLimitBurst: 100,
	});
	workflow = await n8n.createWorkflow(triggerWorkflow({ id: credential.id, name: credential.name }));
	await n8n.activate(workflow.id);
	webhookUrl = `${n8n.webhookBaseUrl}/${WEBHOOK_ID}/webhook`;
}, 600_000);

afterAll(async () => {
	if (n8n && workflow) await n8n.deactivate(workflow.id).catch(() => undefined);
	await n8n?.stop();
	if (userFolder && process.env.E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
}, 60_000);

describe('abusive deliveries to an active Inbox Health Trigger', () => {
	const answers: Record<string, Answer> = {};

	test('activation subscribed the production webhook URL in the sandbox', async () => {
		const { endpoints } = await sandbox().api<{ endpoints: Array<{ url: string; registered_webhooks: string[] }> }>('GET', '/endpoints?per_page=100');
		expect(endpoints).toEqual([expect.objectContaining({ url: webhookUrl, registered_webhooks: ['patient_created'] })]);
	});

	const forged = 'bm90IGEgcmVhbCBzaWduYXR1cmUgYXQgYWxsIQ==';
	const cases: Array<[string, () => Promise<Answer>, number[]]> = [
		['valid event, no signature header', () => post(JSON.stringify(fakeEvent(1)), { 'content-type': 'application/json' }), [401]],
		['valid event, empty signature header', () => post(JSON.stringify(fakeEvent(2)), { 'content-type': 'application/json', [SIGNATURE_HEADER]: '' }), [401]],
		['valid event, forged signature', () => post(JSON.stringify(fakeEvent(3)), { 'content-type': 'application/json', [SIGNATURE_HEADER]: forged }), [401]],
		[
			'event signed for another URL',
			() => post(JSON.stringify(fakeEvent(4)), { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign('https://attacker.example/hook', fakeEvent(4), TEST_API_KEY) }),
			[401],
		],
		// n8n's body parser answers these itself (422 "Failed to parse request body").
		['not JSON, JSON content type, no signature', () => post('this is {not json', { 'content-type': 'application/json' }), REFUSALS],
		['not JSON, JSON content type, forged signature', () => post('this is {not json', { 'content-type': 'application/json', [SIGNATURE_HEADER]: forged }), REFUSALS],
		['JSON array instead of an object, forged signature', () => post('[1,2,3]', { 'content-type': 'application/json', [SIGNATURE_HEADER]: forged }), REFUSALS],
		['empty body, forged signature', () => post('', { 'content-type': 'application/json', [SIGNATURE_HEADER]: forged }), REFUSALS],
		['wrong content type (text/plain), forged signature', () => post(JSON.stringify(fakeEvent(5)), { 'content-type': 'text/plain', [SIGNATURE_HEADER]: forged }), REFUSALS],
		['wrong content type (form), forged signature', () => post('event_type=patient_created&id=6', { 'content-type': 'application/x-www-form-urlencoded', [SIGNATURE_HEADER]: forged }), REFUSALS],
		['wrong content type (octet-stream), no signature', () => post(Buffer.from([0xff, 0xfe, 0x00, 0x01]), { 'content-type': 'application/octet-stream' }), REFUSALS],
		[
			'10 MB JSON body, forged signature',
			() => post(JSON.stringify({ ...fakeEvent(7), padding: 'x'.repeat(10 * 1024 * 1024) }), { 'content-type': 'application/json', [SIGNATURE_HEADER]: forged }),
			REFUSALS,
		],
		['10 MB JSON body, no signature', () => post(JSON.stringify({ ...fakeEvent(8), padding: 'x'.repeat(10 * 1024 * 1024) }), { 'content-type': 'application/json' }), REFUSALS],
		[
			'correctly signed body that is no event (no event_type)',
			() => {
				const body = { id: 10, hello: 'world' };
				return post(JSON.stringify(body), { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(webhookUrl, body, TEST_API_KEY) });
			},
			[400],
		],
	];

	test.each(cases)('%s → refused with a 4xx', async (name, send, allowed) => {
		const answer = await send();
		answers[name] = answer;
		// The failure message shows what was answered instead.
		expect(allowed.includes(answer.status) ? 'refused' : `HTTP ${answer.status}: ${answer.body}`).toBe('refused');
	});

	/** Sends `count` deliveries at once; answers counted by status (or by network failure). */
	async function concurrently(count: number, headers: (index: number) => Record<string, string>) {
		const started = Date.now();
		const results = await Promise.allSettled(Array.from({ length: count }, (_, index) => post(JSON.stringify(fakeEvent(1000 + index)), headers(index))));
		const statuses: Record<string, number> = {};
		for (const result of results) {
			const key = result.status === 'fulfilled' ? String(result.value.status) : `failed: ${String((result.reason as Error)?.message ?? result.reason)}`;
			statuses[key] = (statuses[key] ?? 0) + 1;
		}
		return { statuses, seconds: (Date.now() - started) / 1000 };
	}

	test(`${CONCURRENT_FORGERIES} concurrent forged deliveries are all refused with 401`, async () => {
		const { statuses, seconds } = await concurrently(CONCURRENT_FORGERIES, () => ({ 'content-type': 'application/json', [SIGNATURE_HEADER]: forged }));
		console.log(`webhook abuse: ${CONCURRENT_FORGERIES} concurrent forged deliveries answered in ${seconds.toFixed(2)} s: ${JSON.stringify(statuses)}`);
		expect(statuses).toEqual({ 401: CONCURRENT_FORGERIES });
	}, 120_000);

	test(`${CONCURRENT_FORGERIES} concurrent deliveries without a signature are all refused with 401`, async () => {
		const { statuses, seconds } = await concurrently(CONCURRENT_FORGERIES, () => ({ 'content-type': 'application/json' }));
		console.log(`webhook abuse: ${CONCURRENT_FORGERIES} concurrent unsigned deliveries answered in ${seconds.toFixed(2)} s: ${JSON.stringify(statuses)}`);
		expect(statuses).toEqual({ 401: CONCURRENT_FORGERIES });
	}, 120_000);

	test('no delivery above started an execution, and n8n is still healthy', async () => {
		console.log(`webhook abuse answers: ${JSON.stringify(answers, null, 2)}`);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await n8n.executions({ workflowId: workflow.id })).toEqual([]);
		const health = await fetch(`${n8n.url}/healthz`);
		expect(health.status).toBe(200);
		await health.body?.cancel();
		expect(n8n.logTail(200)).not.toMatch(/uncaught|unhandled|heap out of memory/i);
	});

	test('a real delivery from the sandbox afterwards starts exactly one execution', async () => {
		await sandbox().admin('DELETE', '/deliveries');
		const { patient } = await sandbox().api<{ patient: { id: number } }>('POST', '/patients', {
			patient: { enterprise_id: 1, first_name: 'Ada', last_name: 'Lovelace', date_of_birth: '1990-05-01' },
		});
		const [execution] = await n8n.waitForExecutions(workflow.id, 1, 30_000, { includeData: true });
		expect(execution.status).toBe('success');
		const output = execution.data?.resultData.runData['Inbox Health Trigger']?.[0]?.data?.main[0] ?? [];
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ event_type: 'patient_created', event_data: { object: { id: patient.id } } });

		const { deliveries } = await sandbox().admin<{ deliveries: Array<{ url: string; status: number | null; event_type: string }> }>('GET', '/deliveries');
		expect(deliveries).toEqual([expect.objectContaining({ url: webhookUrl, status: 200, event_type: 'patient_created' })]);
		// Still exactly one a moment later (nothing queued behind it).
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await n8n.executions({ workflowId: workflow.id })).toHaveLength(1);
	}, 60_000);
});
