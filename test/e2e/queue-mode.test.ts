/**
 * The package in n8n's queue mode (scaling): a real n8n 2.41 main process and two
 * `n8n worker` processes, sharing Redis (Debian's redis-server, see scripts/redis.ts),
 * one SQLite database (n8n 2.41 accepts SQLite in queue mode with a warning; the three
 * processes share the file) and the encryption key. The main process receives webhooks
 * and enqueues executions; the workers run them.
 *
 * What it proves:
 * - the onboarding flow (enterprise → 5 patients → balances) runs on a worker, which
 *   loaded the package and decrypted the credential;
 * - the trigger flow works: activation (on main) registers one endpoint, a signed
 *   delivery from the sandbox starts exactly one execution, run by a worker;
 * - the rate limiter is per process: each worker has its own token bucket, so two
 *   workers together send up to twice the credential's rate. Measured against a sandbox
 *   limit equal to the credential's (10/s, burst 10): one execution alone, then four at
 *   once spread over both workers; 429s on the wire are counted, every 429 is retried
 *   and no item is lost. The numbers are printed ("queue mode rate report").
 *
 * Needs redis-server (apt-get update && apt-get install -y redis-server). Slow (~2 min):
 * three n8n processes start (~15-40 s on two cores), the rate runs take ~30 s.
 * E2E_KEEP=1 keeps the user folders (logs, database) under .e2e/.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import {
	getFreePort,
	PACKAGE_NAME,
	queueModeEnv,
	startN8n,
	startN8nWorker,
	type Credential,
	type Execution,
	type N8nInstance,
	type N8nWorker,
	type WorkflowNode,
} from '../../scripts/n8n';
import { startRedis, type RedisServer } from '../../scripts/redis';
import { ensureRuntime, REPO_ROOT } from '../../scripts/runtime';
import { TEST_API_KEY, useSandbox } from '../support/sandbox';

const CREDENTIAL_TYPE = 'inboxHealthApi';
const ACTION_NODE = `${PACKAGE_NAME}.inboxHealth`;
const TRIGGER_NODE = `${PACKAGE_NAME}.inboxHealthTrigger`;
const RUN_TAG = randomBytes(4).toString('hex');
/** A second key, so the rate measurement has its own buckets in the sandbox and in each worker. */
const RATE_API_KEY = 'test-partner-key-rate-0002';
const RATE = 10;
const BURST = 10;
const ITEMS_PER_EXECUTION = 30;
const BURST_EXECUTIONS = 4;
/** Jobs per worker at once: with 2 per worker, 4 executions at once keep both workers busy. */
const WORKER_CONCURRENCY = 2;

const sandbox = useSandbox({ apiKeys: [TEST_API_KEY, RATE_API_KEY], deliveryRetries: 0 });
let redis: RedisServer | undefined;
let main: N8nInstance | undefined;
const workers: N8nWorker[] = [];
let baseFolder: string;
let credential: Credential;

interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number } | Array<{ item: number }> | number;
}

interface Stats {
	requests: number;
	by_status: Record<string, number>;
	responses_429: number;
	rate_limited: number;
}

interface WireRequest {
	method: string;
	path: string;
	status: number | null;
	at: string;
	rate_limited: boolean;
}

beforeAll(async () => {
	mkdirSync(path.join(REPO_ROOT, '.e2e'), { recursive: true });
	baseFolder = mkdtempSync(path.join(REPO_ROOT, '.e2e', 'n8n-queue-'));
	const runtime = await ensureRuntime({ log: (message) => process.stderr.write(`${message}\n`) });
	redis = await startRedis();
	const env = queueModeEnv({
		redisHost: redis.host,
		redisPort: redis.port,
		encryptionKey: randomBytes(24).toString('hex'),
		sqliteFile: path.join(baseFolder, 'database.sqlite'),
	});
	// The main process creates and migrates the database before any worker starts.
	main = await startN8n({ userFolder: path.join(baseFolder, 'main'), port: await getFreePort(), runtime, quiet: true, env });
	const started = await Promise.allSettled(
		[1, 2].map(async (n) =>
			startN8nWorker({
				userFolder: path.join(baseFolder, `worker-${n}`),
				healthPort: await getFreePort(),
				concurrency: WORKER_CONCURRENCY,
				runtime,
				quiet: true,
				env,
			}),
		),
	);
	for (const result of started) if (result.status === 'fulfilled') workers.push(result.value);
	const failed = started.find((result) => result.status === 'rejected');
	if (failed) throw (failed as PromiseRejectedResult).reason;

	credential = await main.createCredential('Inbox Health queue mode', CREDENTIAL_TYPE, credentialData(TEST_API_KEY, 100, 100));
}, 900_000);

afterAll(async () => {
	await Promise.allSettled(workers.map((worker) => worker.stop()));
	await main?.stop().catch(() => undefined);
	await redis?.stop().catch(() => undefined);
	if (baseFolder && process.env.E2E_KEEP !== '1') rmSync(baseFolder, { recursive: true, force: true });
}, 120_000);

function credentialData(apiKey: string, rate: number, burst: number): Record<string, unknown> {
	return {
		apiKey,
		authMethod: 'basicAuth',
		environment: 'custom',
		customBaseUrl: sandbox().baseUrl,
		rateLimitPerSecond: rate,
		rateLimitBurst: burst,
	};
}

const n8n = (): N8nInstance => {
	if (!main) throw new Error('n8n main did not start');
	return main;
};

function webhookNode(name: string, webhookPath: string, responseMode: 'lastNode' | 'onReceived'): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `${webhookPath}-id`,
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode,
			...(responseMode === 'lastNode' ? { responseData: 'allEntries' } : {}),
			options: {},
		},
	};
}

function actionNode(name: string, x: number, ref: Credential, parameters: Record<string, unknown>, continueOnFail = false): WorkflowNode {
	return {
		name,
		type: ACTION_NODE,
		typeVersion: 1,
		position: [x, 0],
		credentials: { [CREDENTIAL_TYPE]: { id: ref.id, name: ref.name } },
		parameters,
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

function chain(names: string[]): Record<string, unknown> {
	return Object.fromEntries(names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]));
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function pairedIndexes(item: OutputItem): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	if (typeof paired === 'number') return [paired];
	return (Array.isArray(paired) ? paired : [paired]).map((entry) => entry.item);
}

/** Which worker ran each execution (from the workers' logs). */
function workerOf(executionId: string): number | undefined {
	const index = workers.findIndex((worker) => worker.startedExecutionIds().includes(executionId));
	return index === -1 ? undefined : index + 1;
}

async function waitForWorkerLog(executionIds: string[], timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (executionIds.some((id) => workerOf(id) === undefined) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

describe('n8n in queue mode: one main process, two workers', () => {
	test('the workers are up and connected (readiness: database, Redis, queue consumer)', async () => {
		expect(workers).toHaveLength(2);
		for (const worker of workers) {
			const res = await fetch(`${worker.healthUrl}/healthz/readiness`);
			expect(res.status).toBe(200);
			await res.body?.cancel();
		}
		expect(n8n().log()).toMatch(/Scaling mode is not officially supported with sqlite/);
	});

	test('onboarding: an enterprise, 5 patients and their balances, run by a worker', async () => {
		const webhookPath = `queue-onboard-${RUN_TAG}`;
		const names = ['Start', 'Create Enterprise', 'Make Patients', 'Create Patients', 'Assign Balances'];
		const workflow = await n8n().createWorkflow({
			name: `E2E queue onboarding (${RUN_TAG})`,
			nodes: [
				webhookNode('Start', webhookPath, 'lastNode'),
				actionNode('Create Enterprise', 220, credential, {
					resource: 'enterprise',
					operation: 'create',
					name: '={{ $json.body.enterprise }}',
					practices: { practice: [{ name: '={{ $json.body.practice }}' }] },
				}),
				{
					name: 'Make Patients',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [440, 0],
					parameters: {
						jsCode: [
							'const enterprise = $input.first().json;',
							'return Array.from({ length: 5 }, (_, index) => ({ json: {',
							'  index, enterpriseId: enterprise.id, practiceId: enterprise.practices[0].id,',
							`  hrid: 'Q-${RUN_TAG}-' + index, amount: 10 + index + 0.5,`,
							'} }));',
						].join('\n'),
					},
				},
				actionNode('Create Patients', 660, credential, {
					resource: 'patient',
					operation: 'create',
					enterpriseId: byId('={{ $json.enterpriseId }}'),
					firstName: 'Queue',
					lastName: '={{ "Patient " + $json.index }}',
					dateOfBirth: '1985-02-03',
					additionalFields: { health_record_id: '={{ $json.hrid }}' },
				}),
				actionNode('Assign Balances', 880, credential, {
					resource: 'balance',
					operation: 'assign',
					patientId: byId('={{ $json.id }}'),
					practiceId: byId('={{ $("Make Patients").item.json.practiceId }}'),
					dateOfService: '2026-11-30',
					amount: '={{ $("Make Patients").item.json.amount }}',
					amountUnit: 'units',
					description: 'Office visit',
				}),
			],
			connections: chain(names),
			settings: { executionOrder: 'v1' },
		});
		await n8n().activate(workflow.id);

		const res = await fetch(`${n8n().webhookBaseUrl}/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ enterprise: `Queue Clinic ${RUN_TAG}`, practice: 'Queue Main Office' }),
			signal: AbortSignal.timeout(120_000),
		});
		const text = await res.text();
		if (res.status !== 200) throw new Error(`onboarding webhook: HTTP ${res.status} ${text}\n${n8n().logTail(30)}\n${workers.map((w) => w.logTail(30)).join('\n')}`);
		const balances = JSON.parse(text) as Array<Record<string, unknown>>;

		expect(balances).toHaveLength(5);
		expect(balances.map((b) => b.amount_cents)).toEqual([1050, 1150, 1250, 1350, 1450]);
		expect(balances.map((b) => b.patient_balance_cents)).toEqual([1050, 1150, 1250, 1350, 1450]);

		// The records are in the sandbox, linked as the workflow said.
		const store = sandbox().server.store;
		const enterprise = store.all('enterprises').find((row) => row.name === `Queue Clinic ${RUN_TAG}`);
		expect(enterprise).toBeDefined();
		const patients = store.all('patients').filter((row) => String(row.health_record_id ?? '').startsWith(`Q-${RUN_TAG}-`));
		expect(patients).toHaveLength(5);
		expect(patients.every((row) => row.enterprise_id === enterprise!.id)).toBe(true);
		expect(new Set(balances.map((b) => b.patient_id))).toEqual(new Set(patients.map((row) => row.id)));

		const [execution] = await n8n().waitForExecutions(workflow.id, 1, 30_000);
		expect(execution.status).toBe('success');
		await waitForWorkerLog([execution.id]);
		expect(workerOf(execution.id)).toBeDefined();
		await n8n().deactivate(workflow.id);
	}, 180_000);

	test('trigger: activation registers one endpoint; a signed delivery starts exactly one execution on a worker', async () => {
		const webhookId = `queue-trigger-${RUN_TAG}`;
		const workflow = await n8n().createWorkflow({
			name: `E2E queue trigger (${RUN_TAG})`,
			nodes: [
				{
					name: 'Inbox Health Trigger',
					type: TRIGGER_NODE,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
					parameters: { events: ['patient_created'], options: { output: 'object' } },
				},
				{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
			],
			connections: chain(['Inbox Health Trigger', 'Received']),
			settings: { executionOrder: 'v1' },
		});
		const endpointsBefore = sandbox().server.store.all('endpoints').length;
		await n8n().activate(workflow.id);
		const url = `${n8n().webhookBaseUrl}/${webhookId}/webhook`;
		const registered = sandbox()
			.server.store.all('endpoints')
			.filter((row) => row.url === url);
		expect(registered).toHaveLength(1);
		expect(registered[0].registered_webhooks).toEqual(['patient_created']);
		expect(sandbox().server.store.all('endpoints')).toHaveLength(endpointsBefore + 1);

		const { enterprise } = await sandbox().api<{ enterprise: { id: number } }>('POST', '/enterprises', { enterprise: { name: `Trigger Clinic ${RUN_TAG}` } });
		await sandbox().admin('DELETE', '/deliveries');
		const { patient } = await sandbox().api<{ patient: { id: number } }>('POST', '/patients', {
			patient: { enterprise_id: enterprise.id, first_name: 'Grace', last_name: 'Hopper', date_of_birth: '1906-12-09' },
		});

		const [execution] = await n8n().waitForExecutions(workflow.id, 1, 60_000, { includeData: true });
		expect(execution.status).toBe('success');
		const output = execution.data?.resultData.runData['Inbox Health Trigger']?.[0]?.data?.main[0] ?? [];
		expect(output.map((item) => item.json)).toEqual([expect.objectContaining({ id: patient.id, first_name: 'Grace' })]);
		const { deliveries } = await sandbox().admin<{ deliveries: Array<{ url: string; status: number | null }> }>('GET', '/deliveries');
		expect(deliveries.filter((delivery) => delivery.url === url)).toEqual([expect.objectContaining({ status: 200 })]);
		await waitForWorkerLog([execution.id]);
		expect(workerOf(execution.id)).toBeDefined();
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(await n8n().executions({ workflowId: workflow.id })).toHaveLength(1);

		await n8n().deactivate(workflow.id);
		expect(sandbox().server.store.all('endpoints').filter((row) => row.url === url)).toEqual([]);
	}, 120_000);

	describe(`the rate limiter across workers (sandbox and credential both ${RATE}/s, burst ${BURST})`, () => {
		const webhookPath = `queue-rate-${RUN_TAG}`;
		let workflowId: string;
		const reports: Record<string, unknown> = {};

		beforeAll(async () => {
			const rateCredential = await n8n().createCredential('Inbox Health rate', CREDENTIAL_TYPE, credentialData(RATE_API_KEY, RATE, BURST));
			const enterprise = await sandbox().api<{ enterprise: { id: number } }>('POST', '/enterprises', { enterprise: { name: `Rate Clinic ${RUN_TAG}` } });
			const workflow = await n8n().createWorkflow({
				name: `E2E queue rate (${RUN_TAG})`,
				nodes: [
					webhookNode('Start', webhookPath, 'onReceived'),
					{
						name: 'Make Items',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						position: [220, 0],
						parameters: {
							jsCode: `const batch = $input.first().json.body.batch;\nreturn Array.from({ length: ${ITEMS_PER_EXECUTION} }, (_, index) => ({ json: { index, hrid: 'R-${RUN_TAG}-' + batch + '-' + index } }));`,
						},
					},
					actionNode(
						'Create Patients',
						440,
						rateCredential,
						{
							resource: 'patient',
							operation: 'create',
							enterpriseId: byId(String(enterprise.enterprise.id)),
							firstName: 'Rate',
							lastName: '={{ "Item " + $json.index }}',
							dateOfBirth: '1970-01-01',
							additionalFields: { health_record_id: '={{ $json.hrid }}' },
						},
						true,
					),
				],
				connections: chain(['Start', 'Make Items', 'Create Patients']),
				settings: { executionOrder: 'v1' },
			});
			workflowId = workflow.id;
			await n8n().activate(workflowId);
			await sandbox().setRateLimit(RATE, BURST);
		}, 120_000);

		afterAll(async () => {
			console.log(`queue mode rate report: ${JSON.stringify(reports, null, 2)}`);
			await sandbox()
				.setRateLimit(0, 1)
				.catch(() => undefined);
		});

		/** Starts `batches` executions at once and checks that none lost an item; returns the measurements. */
		async function run(label: string, batches: string[]) {
			const already = (await n8n().executions({ workflowId })).length;
			await new Promise((resolve) => setTimeout(resolve, (BURST / RATE) * 1000 + 200)); // the sandbox bucket refills
			await sandbox().clearRequests();
			const before = await sandbox().admin<Stats>('GET', '/stats');
			const started = Date.now();
			await Promise.all(
				batches.map(async (batch) => {
					const res = await fetch(`${n8n().webhookBaseUrl}/${webhookPath}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ batch }),
						signal: AbortSignal.timeout(30_000),
					});
					expect(res.status).toBe(200);
					await res.body?.cancel();
				}),
			);
			const all = await n8n().waitForExecutions(workflowId, already + batches.length, 180_000, { includeData: true });
			const wallSeconds = (Date.now() - started) / 1000;
			const after = await sandbox().admin<Stats>('GET', '/stats');
			const executions = all.slice(0, batches.length) as Execution[];
			await waitForWorkerLog(executions.map((execution) => execution.id));

			let successes = 0;
			const errors: string[] = [];
			for (const execution of executions) {
				expect(execution.status).toBe('success');
				const items = (execution.data?.resultData.runData['Create Patients']?.[0]?.data?.main[0] ?? []) as OutputItem[];
				// Every input index exactly once: nothing lost, nothing doubled.
				expect(items.flatMap(pairedIndexes).sort((a, b) => a - b)).toEqual(Array.from({ length: ITEMS_PER_EXECUTION }, (_, index) => index));
				successes += items.filter((item) => item.json.id !== undefined && item.json.error === undefined).length;
				errors.push(...items.filter((item) => item.json.error !== undefined).map((item) => String(item.json.error)));
			}
			const created = sandbox()
				.server.store.all('patients')
				.filter((row) => batches.some((batch) => String(row.health_record_id ?? '').startsWith(`R-${RUN_TAG}-${batch}-`)));
			const hrids = created.map((row) => String(row.health_record_id));

			const wire = (await sandbox().requests()).filter((request) => request.method === 'POST' && /\/patients$/.test(request.path)) as unknown as WireRequest[];
			const times = wire.map((request) => Date.parse(request.at)).sort((a, b) => a - b);
			const spanSeconds = times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : 0;
			const peakIn1s = (list: number[]) => {
				let peak = 0;
				for (let start = 0, end = 0; end < list.length; end++) {
					while (list[end] - list[start] >= 1000) start++;
					peak = Math.max(peak, end - start + 1);
				}
				return peak;
			};
			const acceptedTimes = wire.filter((request) => request.status === 201).map((request) => Date.parse(request.at)).sort((a, b) => a - b);
			const report = {
				executions: executions.map((execution) => ({ id: execution.id, worker: workerOf(execution.id) })),
				items: batches.length * ITEMS_PER_EXECUTION,
				successes,
				errors: errors.length,
				errorMessages: [...new Set(errors)],
				patientsCreated: created.length,
				requestsOnWire: after.requests - before.requests,
				responses429: after.responses_429 - before.responses_429,
				attemptsPerSecond: spanSeconds > 0 ? Number((wire.length / spanSeconds).toFixed(1)) : null,
				acceptedPerSecond: spanSeconds > 0 ? Number((acceptedTimes.length / spanSeconds).toFixed(1)) : null,
				peakAttemptsIn1s: peakIn1s(times),
				peakAcceptedIn1s: peakIn1s(acceptedTimes),
				wireSeconds: Number(spanSeconds.toFixed(1)),
				/** The most one token bucket of the credential lets through in that span. */
				oneBucketMaxAttempts: Math.floor(BURST + RATE * spanSeconds),
				wallSeconds: Number(wallSeconds.toFixed(1)),
			};
			reports[label] = report;

			// No duplicates; every success is a record; the only errors are 429s after all
			// retries; every other 429 was retried: each item sent one final request plus
			// one per retried 429 (an item that failed ended on a 429 itself).
			expect(new Set(hrids).size).toBe(hrids.length);
			expect(created).toHaveLength(successes);
			expect(successes + errors.length).toBe(report.items);
			expect(errors.filter((message) => !/Rate limit exceeded \(429\)/.test(message))).toEqual([]);
			expect(report.requestsOnWire).toBe(report.items + report.responses429 - errors.length);
			return report;
		}

		test('one execution alone (one worker, one bucket): paced at the limit', async () => {
			const report = await run('one execution', ['solo']);
			expect(report.successes).toBe(ITEMS_PER_EXECUTION);
			expect(report.errors).toBe(0);
			// One bucket never sends more than burst + rate × time (+2 for arrival jitter).
			expect(report.requestsOnWire).toBeLessThanOrEqual(report.oneBucketMaxAttempts + 2);
		}, 240_000);

		test(`${BURST_EXECUTIONS} executions at once over both workers: up to 2x the limit on the wire, 429s retried, nothing lost`, async () => {
			const report = await run(
				`${BURST_EXECUTIONS} executions at once`,
				Array.from({ length: BURST_EXECUTIONS }, (_, index) => `b${index}`),
			);
			const usedWorkers = new Set(report.executions.map((execution) => execution.worker));
			expect(usedWorkers).toEqual(new Set([1, 2]));
			// Two buckets of RATE/s each against one of RATE/s: more attempts than one bucket
			// allows, and the sandbox refuses some.
			expect(report.responses429).toBeGreaterThan(0);
			expect(report.requestsOnWire).toBeGreaterThan(report.oneBucketMaxAttempts);
			// Retried until accepted: every item created.
			expect(report.errors).toBe(0);
			expect(report.successes).toBe(BURST_EXECUTIONS * ITEMS_PER_EXECUTION);
		}, 300_000);
	});
});
