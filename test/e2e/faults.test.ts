/**
 * Faults under load, in a real n8n 2.41 server: one execution creates 500 patients
 * (Webhook → Code making 500 items → Inbox Health Patient › Create with "Continue On
 * Fail") while the sandbox injects 429s, 503s (both before processing), 500s, dropped
 * connections and held-then-504 answers (after processing: the patient exists), plus a
 * delay on every answer.
 *
 * What it proves: no item is silently lost (every input index appears exactly once in
 * the output's pairedItem; successes + errors = 500), no record is duplicated by a retried
 * POST (every health_record_id at most once in the sandbox), every success is a real
 * record paired with its own input, every 429 was retried (requests on the wire = 500 +
 * 429s) and no POST was retried after a 5xx or a dropped connection (errors = the
 * terminal faults the sandbox counted; patients in the sandbox = successes + faults that
 * happen after processing).
 *
 * Slow (~1 min): n8n starts in ~10-20 s, the run takes ~20-40 s (each 429 waits the
 * sandbox's Retry-After of 1 s).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import { getFreePort, PACKAGE_NAME, startN8n, type Credential, type N8nInstance, type WorkflowJson } from '../../scripts/n8n';
import { ensureRuntime, REPO_ROOT } from '../../scripts/runtime';
import { TEST_API_KEY, useSandbox } from '../support/sandbox';

const CREDENTIAL_TYPE = 'inboxHealthApi';
const ACTION_NODE = `${PACKAGE_NAME}.inboxHealth`;
const ITEM_COUNT = 500;
const RUN_TAG = randomBytes(4).toString('hex');
const FAULTS = {
	rate429: 0.03,
	rate503: 0.03,
	rate500: 0.03,
	rateDrop: 0.02,
	rateTimeout: 0.02,
	timeoutMs: 300,
	delayMs: 5,
	seed: 20261203,
};

interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }> | number;
}

interface Stats {
	requests: number;
	by_status: Record<string, number>;
	responses_429: number;
	rate_limited: number;
	faults: Record<string, number>;
}

const sandbox = useSandbox();
let n8n: N8nInstance;
let userFolder: string;
let credential: Credential;

beforeAll(async () => {
	mkdirSync(path.join(REPO_ROOT, '.e2e'), { recursive: true });
	userFolder = mkdtempSync(path.join(REPO_ROOT, '.e2e', 'n8n-faults-'));
	const runtime = await ensureRuntime({ log: (message) => process.stderr.write(`${message}\n`) });
	n8n = await startN8n({ userFolder, port: await getFreePort(), runtime, quiet: true });
	// The sandbox's own limit is off (useSandbox); the credential's limiter lets 200/s through.
	credential = await n8n.createCredential('Inbox Health faults', CREDENTIAL_TYPE, {
		apiKey: TEST_API_KEY,
		authMethod: 'basicAuth',
		environment: 'custom',
		customBaseUrl: sandbox().baseUrl,
		rateLimitPerSecond: 200,
		rateLimitBurst: 200,
	});
}, 600_000);

afterAll(async () => {
	await sandbox()
		.setFaults({})
		.catch(() => undefined);
	await n8n?.stop();
	if (userFolder && process.env.E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
}, 60_000);

const hrid = (index: number) => `FLT-${RUN_TAG}-${String(index).padStart(4, '0')}`;

function bulkWorkflow(enterpriseId: number, webhookPath: string): WorkflowJson {
	return {
		name: `E2E faults: ${ITEM_COUNT} patients (${RUN_TAG})`,
		nodes: [
			{
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `faults-${RUN_TAG}`,
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
			},
			{
				name: 'Make Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${ITEM_COUNT} }, (_, index) => ({ json: { index, hrid: 'FLT-${RUN_TAG}-' + String(index).padStart(4, '0') } }));`,
				},
			},
			{
				name: 'Create Patients',
				type: ACTION_NODE,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
				parameters: {
					resource: 'patient',
					operation: 'create',
					enterpriseId: { __rl: true, mode: 'id', value: String(enterpriseId) },
					firstName: 'Fault',
					lastName: '={{ "Item " + $json.index }}',
					dateOfBirth: '1980-01-01',
					additionalFields: { health_record_id: '={{ $json.hrid }}' },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': { main: [[{ node: 'Create Patients', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function pairedIndexes(item: OutputItem): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	if (typeof paired === 'number') return [paired];
	return (Array.isArray(paired) ? paired : [paired]).map((entry) => entry.item);
}

/** The kind of an error item, from its message and HTTP code. */
function errorKind(json: Record<string, unknown>): string {
	const message = String(json.error ?? '');
	if (/Could not reach Inbox Health/.test(message)) return 'no answer (dropped connection)';
	if (json.httpCode !== undefined) return `HTTP ${String(json.httpCode)}`;
	return `other: ${message.slice(0, 80)}`;
}

function diffStats(after: Stats, before: Stats): Stats {
	const minus = (a: Record<string, number>, b: Record<string, number>) =>
		Object.fromEntries(Object.keys({ ...a, ...b }).map((key) => [key, (a[key] ?? 0) - (b[key] ?? 0)]).filter(([, value]) => value !== 0));
	return {
		requests: after.requests - before.requests,
		by_status: minus(after.by_status, before.by_status),
		responses_429: after.responses_429 - before.responses_429,
		rate_limited: after.rate_limited - before.rate_limited,
		faults: minus(after.faults, before.faults),
	};
}

describe(`a bulk run of ${ITEM_COUNT} patient creates under injected faults`, () => {
	test('every item is either created once or reported as an error paired with its input; nothing is lost or duplicated', async () => {
		await sandbox().reset();
		const { enterprise } = await sandbox().api<{ enterprise: { id: number } }>('POST', '/enterprises', { enterprise: { name: `E2E Faults ${RUN_TAG}` } });
		const webhookPath = `faults-bulk-${RUN_TAG}`;
		const workflow = await n8n.createWorkflow(bulkWorkflow(enterprise.id, webhookPath));
		await n8n.activate(workflow.id);

		await sandbox().setFaults(FAULTS);
		const before = await sandbox().admin<Stats>('GET', '/stats');
		const started = Date.now();
		const res = await fetch(`${n8n.webhookBaseUrl}/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(30_000) });
		expect(res.status).toBe(200);
		await res.body?.cancel();

		const [execution] = await n8n.waitForExecutions(workflow.id, 1, 150_000, { includeData: true });
		const wallSeconds = (Date.now() - started) / 1000;
		await sandbox().setFaults({});
		const stats = diffStats(await sandbox().admin<Stats>('GET', '/stats'), before);

		expect(execution.status).toBe('success');
		const runs = execution.data?.resultData.runData['Create Patients'];
		expect(runs).toHaveLength(1);
		const items = (runs![0].data?.main[0] ?? []) as OutputItem[];

		// Nothing lost: one output item per input index, each index exactly once.
		expect(items).toHaveLength(ITEM_COUNT);
		const indexes = items.flatMap(pairedIndexes).sort((a, b) => a - b);
		expect(indexes).toEqual(Array.from({ length: ITEM_COUNT }, (_, index) => index));

		const successes = items.filter((item) => item.json.id !== undefined && item.json.error === undefined);
		const errors = items.filter((item) => item.json.error !== undefined);
		expect(successes.length + errors.length).toBe(ITEM_COUNT);
		const errorsByKind: Record<string, number> = {};
		for (const item of errors) errorsByKind[errorKind(item.json)] = (errorsByKind[errorKind(item.json)] ?? 0) + 1;

		// No duplicates: every health_record_id of this run at most once in the sandbox.
		const patients = sandbox()
			.server.store.all('patients')
			.filter((patient) => String(patient.health_record_id ?? '').startsWith(`FLT-${RUN_TAG}-`));
		const perHrid = new Map<string, number>();
		for (const patient of patients) perHrid.set(String(patient.health_record_id), (perHrid.get(String(patient.health_record_id)) ?? 0) + 1);
		const duplicated = [...perHrid].filter(([, count]) => count > 1);
		expect(duplicated).toEqual([]);

		// Every success is the record the sandbox holds for its own input item.
		const byId = new Map(patients.map((patient) => [Number(patient.id), patient]));
		const mismatched = successes.filter((item) => {
			const [index] = pairedIndexes(item);
			const stored = byId.get(Number(item.json.id));
			return !stored || stored.health_record_id !== hrid(index) || item.json.health_record_id !== hrid(index);
		});
		expect(mismatched).toEqual([]);

		// The wire: every 429 was retried (and nothing else was), so the requests are the
		// 500 POSTs plus one per 429; the errors are exactly the terminal faults; a fault
		// after processing left its patient behind, a 503 (before processing) did not.
		const faults = stats.faults;
		const afterProcessing = (faults.rate500 ?? 0) + (faults.rateDrop ?? 0) + (faults.rateTimeout ?? 0);
		const terminal = afterProcessing + (faults.rate503 ?? 0);
		const report = {
			items: ITEM_COUNT,
			successes: successes.length,
			errors: errors.length,
			errorsByKind,
			wire: { requests: stats.requests, byStatus: stats.by_status, responses429: stats.responses_429, faults },
			patientsInSandbox: patients.length,
			executionSeconds: (Date.parse(execution.stoppedAt ?? '') - Date.parse(execution.startedAt)) / 1000,
			wallSeconds,
			faultSettings: FAULTS,
		};
		console.log(`faults e2e report: ${JSON.stringify(report, null, 2)}`);
		const samples: Record<string, unknown> = {};
		for (const item of errors) samples[errorKind(item.json)] ??= item.json;
		console.log(`faults e2e error samples: ${JSON.stringify(samples, null, 2)}`);

		expect(stats.responses_429).toBeGreaterThan(0);
		expect(stats.requests).toBe(ITEM_COUNT + stats.responses_429);
		expect(errors.length).toBe(terminal);
		expect(patients.length).toBe(successes.length + afterProcessing);
		expect(errorsByKind['other: ']).toBeUndefined();
		expect(report.executionSeconds).toBeLessThan(90);
	}, 240_000);
});
