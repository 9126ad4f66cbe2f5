/**
 * The benchmark (`npm run bench`): a real n8n 2.41 server with this package installed as a user
 * installs it, against the sandbox at the Inbox Health gateway's default limit (10 requests/s per
 * key, burst 100), with the credential set to the same limit.
 *
 *  1. Create N patients (BENCH_N, default 1000) in ONE execution: Webhook → Code (N made-up
 *     patients) → Inbox Health "Create a patient".
 *  2. The same N through n8n's HTTP Request node set up as a careful user would: batches of 10
 *     every 1000 ms (10/s), Retry On Fail (3 tries, 5 s apart), the key as Basic auth user.
 *  3. Get Many patients with Return All over 10,000 sandbox patients: elapsed, pages, peak RSS.
 *  4. Signature verification cost per webhook delivery (2 KB and 1 MB events), in process and
 *     with n8n's Node.js in a child process.
 *
 * Prints the results and writes them as markdown to bench/RESULTS.md (for N = 1000; other N go
 * to a file in the temp folder unless BENCH_OUT names one). Everything started is stopped at the
 * end, on error and on Ctrl-C. Environment: BENCH_N, BENCH_OUT, BENCH_KEEP=1 (keep the n8n user
 * folder), BENCH_GET_MANY (patients for step 3, default 10000), BENCH_SIGNATURE_MS (time per
 * signature size, default 3000), BENCH_CPU_PROFILE=<dir> (n8n writes V8 CPU profiles there when
 * it stops; for finding where the CPU goes, not for the figures: profiling slows it down).
 */
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox/server';
import { bindCredentials, getFreePort, startN8n, type Credential, type N8nInstance, type WorkflowJson } from '../scripts/n8n';
import { ensureRuntime, REPO_ROOT, RUNTIME_ROOT } from '../scripts/runtime';
import { groupCpu, resetPeakRss, sampleRss, statusBytes } from './proc';
import { runSignatureBench, type SignatureResult } from './signature';

// ---------------------------------------------------------------------------
// Settings

const N = positiveInt(process.env.BENCH_N, 1000);
const GET_MANY_PATIENTS = positiveInt(process.env.BENCH_GET_MANY, 10_000);
const SIGNATURE_MS = positiveInt(process.env.BENCH_SIGNATURE_MS, 3000);
const RATE = 10;
const BURST = 100;
const API_KEY = 'bench-partner-key-0001';
const KEEP = process.env.BENCH_KEEP === '1';
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : undefined;
const EXPRESSION_ENGINE = 'legacy';
const BENCH_DIR = path.join(REPO_ROOT, 'bench');
const OUT_FILE = process.env.BENCH_OUT ?? (N === 1000 ? path.join(BENCH_DIR, 'RESULTS.md') : path.join(os.tmpdir(), `inbox-health-bench-N${N}.md`));
/** Whole run; a guard, not a target (N = 1000 takes ~5 min). */
const RUN_DEADLINE_MS = (300 + N * 0.6) * 1000;
/** One webhook call: the HTTP Request path needs N/10 s at least. */
const CALL_TIMEOUT_MS = (120 + N * 0.4) * 1000;

function positiveInt(value: string | undefined, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1) throw new Error(`expected a positive integer, got "${value}"`);
	return number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[bench] ${message}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

// ---------------------------------------------------------------------------
// Types of what is measured

interface SandboxStats {
	requests: number;
	by_status: Record<string, number>;
	responses_429: number;
	rate_limited: number;
}

interface CreateResult {
	label: string;
	/** Wall time of the node, from n8n's run data. */
	nodeMs: number;
	/** Webhook call to its answer (Code node, saving the execution, ...). */
	wallMs: number;
	status: string;
	requests: number;
	responses429: number;
	/** Patients the sandbox holds for this run's tag (distinct last names / all rows). */
	created: number;
	duplicates: number;
	failedItems: number;
	errorItems: number;
	cpuSeconds: number;
	/** Of cpuSeconds, the n8n main process (the rest: task runner, reaped children). */
	mainCpuSeconds: number;
	error?: string;
}

interface GetManyResult {
	nodeMs: number;
	wallMs: number;
	status: string;
	items: number;
	pages: number;
	responses429: number;
	rssBefore: number;
	peakRssSampled: number;
	peakRssHwm?: number;
	cpuSeconds: number;
}

interface ExecutionDetail {
	id: string;
	status: string;
	data?: {
		resultData: {
			error?: { message: string };
			runData: Record<
				string,
				Array<{
					startTime: number;
					executionTime: number;
					executionStatus?: string;
					error?: { message: string };
					data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
		};
	};
}

// ---------------------------------------------------------------------------
// Helpers

/** POSTs JSON and waits for the answer however long it takes (up to `timeoutMs`). */
function postJson(url: string, body: unknown, timeoutMs: number): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const payload = JSON.stringify(body);
		const request = http.request(
			url,
			{ method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
				response.on('error', reject);
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer from ${url} within ${timeoutMs / 1000} s`)));
		request.on('error', reject);
		request.end(payload);
	});
}

async function admin<T>(sandbox: Sandbox, method: string, adminPath: string, body?: unknown): Promise<T> {
	const response = await fetch(`${sandbox.url}/__admin${adminPath}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`sandbox admin ${method} ${adminPath}: HTTP ${response.status} ${text.slice(0, 300)}`);
	return (text ? JSON.parse(text) : {}) as T;
}

const stats = (sandbox: Sandbox) => admin<SandboxStats>(sandbox, 'GET', '/stats');

/** Every bucket starts full again (as for a key that was idle for a while). */
const refillSandboxBuckets = (sandbox: Sandbox) => admin(sandbox, 'PUT', '/rate-limit', { rate: RATE, burst: BURST });

function readWorkflow(file: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(BENCH_DIR, 'workflows', file), 'utf8')) as WorkflowJson;
}

function webhookPath(json: WorkflowJson): string {
	const webhook = json.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	return String(webhook?.parameters.path);
}

/** Waits until the workflow has `count` finished executions; the newest one's id. */
async function finishedExecution(n8n: N8nInstance, workflowId: string, count: number): Promise<string> {
	const [newest] = await n8n.waitForExecutions(workflowId, count, 60_000);
	return newest.id;
}

const executionData = (n8n: N8nInstance, id: string) => n8n.request<ExecutionDetail>('GET', `/executions/${id}?includeData=true`);

/** The newest finished execution of the workflow, with its data. */
async function latestExecution(n8n: N8nInstance, workflowId: string, count: number): Promise<ExecutionDetail> {
	return executionData(n8n, await finishedExecution(n8n, workflowId, count));
}

function nodeRun(execution: ExecutionDetail, nodeName: string) {
	const run = execution.data?.resultData.runData[nodeName]?.[0];
	const items = run?.data?.main?.[0] ?? [];
	return { run, items };
}

/** The first output item of any node that carries an error (Continue On Fail). */
function firstItemError(execution: ExecutionDetail): string | undefined {
	for (const [name, runs] of Object.entries(execution.data?.resultData.runData ?? {})) {
		for (const run of runs) {
			if (run.error) return `${name}: ${run.error.message}`;
			const failed = (run.data?.main?.[0] ?? []).find((item) => item.json.error !== undefined);
			if (failed) return `${name}: ${String(failed.json.error)}`;
		}
	}
	return undefined;
}

/** Patients whose last name starts with the tag: distinct names and all rows. */
function patientsTagged(sandbox: Sandbox, tag: string): { distinct: number; rows: number } {
	const rows = sandbox.store.where('patients', (row) => String(row.last_name ?? '').startsWith(`${tag} `));
	return { distinct: new Set(rows.map((row) => row.last_name)).size, rows: rows.length };
}

function commandOutput(command: string, args: string[]): string {
	try {
		return execFileSync(command, args, { encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

// ---------------------------------------------------------------------------
// The phases

interface Context {
	sandbox: Sandbox;
	n8n: N8nInstance;
	enterpriseId: number;
	executions: Map<string, number>;
}

/** One webhook call of a create workflow; everything the table needs. */
async function runCreate(ctx: Context, label: string, workflowId: string, url: string, nodeName: string, tag: string): Promise<CreateResult> {
	const { sandbox, n8n } = ctx;
	const before = await stats(sandbox);
	const cpuBefore = groupCpu(n8n.pid);
	const started = Date.now();
	const answer = await postJson(url, { n: N, enterpriseId: ctx.enterpriseId, tag }, CALL_TIMEOUT_MS);
	const wallMs = Date.now() - started;
	const count = (ctx.executions.get(workflowId) ?? 0) + 1;
	ctx.executions.set(workflowId, count);
	// CPU up to the saved execution, before reading its data back (which costs n8n CPU too).
	const executionId = await finishedExecution(n8n, workflowId, count);
	const cpuAfter = groupCpu(n8n.pid);
	const after = await stats(sandbox);
	const execution = await executionData(n8n, executionId);

	const { run, items } = nodeRun(execution, nodeName);
	const tagged = patientsTagged(sandbox, tag);
	const error = execution.data?.resultData.error?.message ?? run?.error?.message ?? (answer.status >= 400 ? `webhook HTTP ${answer.status}: ${answer.text.slice(0, 200)}` : undefined);
	return {
		label,
		nodeMs: run?.executionTime ?? wallMs,
		wallMs,
		status: execution.status,
		requests: after.requests - before.requests,
		responses429: after.responses_429 - before.responses_429,
		created: tagged.distinct,
		duplicates: tagged.rows - tagged.distinct,
		failedItems: N - tagged.distinct,
		errorItems: items.filter((item) => item.json.error !== undefined).length,
		cpuSeconds: cpuAfter.seconds - cpuBefore.seconds,
		mainCpuSeconds: cpuAfter.mainSeconds - cpuBefore.mainSeconds,
		error,
	};
}

async function runGetMany(ctx: Context, workflowId: string, url: string): Promise<GetManyResult> {
	const { sandbox, n8n } = ctx;
	// Only the bulk patients: a fresh sandbox with one enterprise.
	await admin(sandbox, 'POST', '/reset', { enterprises: [{ name: 'Bench Bulk Group' }] });
	const [enterprise] = sandbox.store.all('enterprises');
	await admin(sandbox, 'POST', '/bulk/patients', { enterprise_id: enterprise.id, count: GET_MANY_PATIENTS });
	await admin(sandbox, 'DELETE', '/requests');
	const before = await stats(sandbox);

	const rssBefore = statusBytes(n8n.pid, 'VmRSS') ?? 0;
	const hwmReset = resetPeakRss(n8n.pid);
	const sampler = sampleRss(n8n.pid, 25);
	const cpuBefore = groupCpu(n8n.pid).seconds;
	const started = Date.now();
	await postJson(url, {}, CALL_TIMEOUT_MS);
	const wallMs = Date.now() - started;
	const count = (ctx.executions.get(workflowId) ?? 0) + 1;
	ctx.executions.set(workflowId, count);
	const executionId = await finishedExecution(n8n, workflowId, count);
	const cpuSeconds = groupCpu(n8n.pid).seconds - cpuBefore;
	const peakRssSampled = sampler.stop();
	const peakRssHwm = hwmReset ? statusBytes(n8n.pid, 'VmHWM') : undefined;
	const after = await stats(sandbox);

	const recorded = await admin<{ requests: Array<{ method: string; path: string; status: number | null }> }>(sandbox, 'GET', '/requests');
	const pages = recorded.requests.filter((r) => r.method === 'GET' && /\/patients$/.test(r.path) && r.status === 200).length;
	const execution = await executionData(n8n, executionId);
	const { run, items } = nodeRun(execution, 'Get Many Patients');
	return {
		nodeMs: run?.executionTime ?? wallMs,
		wallMs,
		status: execution.status,
		items: items.length,
		pages,
		responses429: after.responses_429 - before.responses_429,
		rssBefore,
		peakRssSampled,
		peakRssHwm,
		cpuSeconds,
	};
}

/** bench/signature.ts under another Node.js binary (tsx as its loader); undefined if that fails. */
function signatureBenchUnder(nodeBin: string): Promise<SignatureResult[] | undefined> {
	return new Promise((resolve) => {
		resources.child = execFile(
			nodeBin,
			['--import', 'tsx', path.join(BENCH_DIR, 'signature.ts')],
			{ cwd: REPO_ROOT, env: { ...process.env, BENCH_SIGNATURE_MS: String(SIGNATURE_MS) }, timeout: 20 * SIGNATURE_MS + 60_000, maxBuffer: 1024 * 1024 },
			(error, stdout, stderr) => {
				resources.child = undefined;
				if (error) {
					log(`signature bench under ${nodeBin} failed: ${error.message} ${stderr.slice(0, 300)}`);
					return resolve(undefined);
				}
				resolve((JSON.parse(stdout) as { results: SignatureResult[] }).results);
			},
		);
	});
}

// ---------------------------------------------------------------------------
// Report

interface Environment {
	date: string;
	cpus: string;
	memory: string;
	benchNode: string;
	n8nNode: string;
	n8nVersion: string;
	packageVersion: string;
	loadBefore: string;
	loadAfter: string;
	idleCpuPerSecond: number;
}

type SignatureRow = SignatureResult & { node: string; where: string };

function report(env: Environment, ours: CreateResult, theirs: CreateResult, getMany: GetManyResult, signatures: SignatureRow[]): string {
	const floorS = Math.max(0, N - BURST) / RATE;
	const ratioToFloor = (result: CreateResult) => (floorS > 0 ? `${(result.nodeMs / 1000 / floorS).toFixed(2)}×` : 'n/a (N ≤ burst)');
	const cpuPerItem = (result: CreateResult) =>
		`${((result.cpuSeconds * 1000) / N).toFixed(2)} ms (main ${((result.mainCpuSeconds * 1000) / N).toFixed(2)})`;
	const createRow = (result: CreateResult) =>
		`| ${result.label} | ${seconds(result.nodeMs)} | ${seconds(result.wallMs)} | ${ratioToFloor(result)} | ${result.requests} | ${result.responses429} | ${result.failedItems}${result.errorItems > 0 ? ` (${result.errorItems} error items)` : ''} | ${result.duplicates} | ${cpuPerItem(result)} | ${result.status} |`;
	const lines = [
		'# Benchmark results',
		'',
		`Generated by \`npm run bench\` (bench/run.ts) on ${env.date}. N = ${N}.`,
		'',
		'## Machine',
		'',
		'| | |',
		'|---|---|',
		`| CPU | ${env.cpus} |`,
		`| Memory | ${env.memory} |`,
		`| n8n | ${env.n8nVersion} on Node.js ${env.n8nNode}, \`N8N_EXPRESSION_ENGINE=${EXPRESSION_ENGINE}\`, SQLite, task runner internal |`,
		`| Benchmark and sandbox process | Node.js ${env.benchNode} (the sandbox runs in it, on the same 2 cores) |`,
		`| Package | n8n-nodes-inbox-health ${env.packageVersion}, packed and installed as a user installs it |`,
		`| Load average (1 min) before / after | ${env.loadBefore} / ${env.loadAfter} |`,
		`| n8n idle CPU | ${(env.idleCpuPerSecond * 1000).toFixed(1)} ms per second (measured for 5 s before the runs; included in the CPU figures below) |`,
		'',
		`## Creating ${N} patients in one execution`,
		'',
		`Sandbox limit ${RATE}/s per key, burst ${BURST}; the Inbox Health credential is set to the same limit. Floor: max(0, N − burst) / rate = **${floorS.toFixed(1)} s**.`,
		'',
		'| Path | Elapsed (node) | Elapsed (webhook call) | Elapsed / floor | Requests sent | 429s on the wire | Failed items | Duplicates | n8n CPU per item (of which main process) | Execution |',
		'|---|---|---|---|---|---|---|---|---|---|',
		createRow(ours),
		createRow(theirs),
		'',
		`HTTP Request / Inbox Health node elapsed: **${(theirs.nodeMs / ours.nodeMs).toFixed(2)}×**.`,
		'',
		'- *Elapsed (node)*: the node\'s own run time from n8n\'s execution data; *webhook call*: POST to the answer of a `lastNode` webhook, including the Code node that makes the items.',
		'- *Failed items*: N minus the distinct patients the sandbox holds for the run; *duplicates*: extra rows for the same patient (a retry that sent a create twice).',
		'- *n8n CPU per item*: user + system CPU of the n8n main process, its task runner and reaped children (/proc/<pid>/stat) from the webhook call until the execution is saved, divided by N; includes the Webhook and Code nodes, saving the execution and n8n\'s idle load.',
		'- HTTP Request node as a careful user sets it up: typeVersion 4.2, Basic auth credential (key as user, empty password), JSON body `{"patient": …}`, Options → Batching 10 items every 1000 ms, Settings → Retry On Fail (3 tries, 5000 ms). Workflows: bench/workflows/.',
		"- n8n's Retry On Fail runs the whole node again with all its input items (n8n-core WorkflowExecute), so a single 429 would fail the node and its retry would send every patient again (duplicates); the careful batching keeps it from being triggered here.",
		"- The Inbox Health node paces itself at exactly the credential's rate, like the gateway's bucket; timing jitter between the two buckets can still give an occasional 429, which the node waits out (Retry-After) and sends again: counted in *requests sent* and *429s*, not as failed items.",
		...[ours, theirs].filter((result) => result.error).map((result) => `- ${result.label} error: ${result.error}`),
		'',
		`## Get Many patients, Return All over ${GET_MANY_PATIENTS.toLocaleString('en-US')} sandbox patients`,
		'',
		'| Elapsed (node) | Elapsed (webhook call) | Items | Pages | 429s | n8n RSS before | Peak RSS (sampled every 25 ms) | Peak RSS (VmHWM after reset) | n8n CPU | Execution |',
		'|---|---|---|---|---|---|---|---|---|---|',
		`| ${seconds(getMany.nodeMs)} | ${seconds(getMany.wallMs)} | ${getMany.items} | ${getMany.pages} | ${getMany.responses429} | ${mib(getMany.rssBefore)} | ${mib(getMany.peakRssSampled)} | ${getMany.peakRssHwm === undefined ? 'n/a' : mib(getMany.peakRssHwm)} | ${getMany.cpuSeconds.toFixed(1)} s | ${getMany.status} |`,
		'',
		'RSS is the n8n main process only (the Inbox Health node runs there; the task runner is not involved), which has already run the create executions: the growth is what Get Many adds to a warm process. Pages: GET /patients requests answered 200 (100 per page; the walk ends at the first short page, so an exact multiple of 100 costs one empty page more).',
		'',
		'## Webhook signature verification, per delivery',
		'',
		"The trigger's own parseJson + computeSignature + signaturesMatch (nodes/InboxHealth/trigger/) on an invoice event of the given size, the expected signature from the sandbox's independent implementation; in the benchmark's process and, with n8n's Node.js, in a child process (n8n itself is stopped by then).",
		'',
		'| Node.js | Event | Bytes | Iterations | Verify (µs per event, median batch) | of which parse (µs) | of which normalise + HMAC + compare (µs) | Signature matched |',
		'|---|---|---|---|---|---|---|---|',
		...signatures.map(
			(s) =>
				`| ${s.node} (${s.where}) | ${s.label} | ${s.bytes.toLocaleString('en-US')} | ${s.iterations} | ${s.verifyMicros.toFixed(0)} | ${s.parseMicros.toFixed(0)} | ${s.signMicros.toFixed(0)} | ${s.matched ? 'yes' : '**NO**'} |`,
		),
		'',
		'The machine is shared; figures from a loaded machine are slower, not faster. Re-run with `npm run bench` (BENCH_N=100 for a quick smoke run).',
		'',
	];
	return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
	const deadline = setTimeout(() => {
		console.error(`[bench] did not finish within ${RUN_DEADLINE_MS / 1000} s; stopping`);
		if (resources.child?.exitCode === null) resources.child.kill('SIGTERM');
		void cleanup().finally(() => process.exit(2));
	}, RUN_DEADLINE_MS);
	deadline.unref();

	const loadBefore = os.loadavg()[0];
	log(`N = ${N}; load average ${loadBefore.toFixed(2)} on ${os.cpus().length} cores${loadBefore > 1.5 ? ' (busy machine: timings will be pessimistic)' : ''}`);
	const runtime = await ensureRuntime({ log });

	const sandbox = await startSandbox({ port: 0, apiKeys: [API_KEY], rate: RATE, burst: BURST, quiet: true });
	resources.sandbox = sandbox;
	await admin(sandbox, 'POST', '/reset', { enterprises: [{ name: 'Bench Medical Group' }] });
	const enterpriseId = sandbox.store.all('enterprises')[0].id;
	log(`sandbox ${sandbox.baseUrl} (${RATE}/s, burst ${BURST})`);

	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'inbox-health-bench-'));
	resources.userFolder = userFolder;
	const n8n = await startN8n({
		userFolder,
		port: await getFreePort(),
		runtime,
		quiet: true,
		log,
		env: {
			N8N_EXPRESSION_ENGINE: EXPRESSION_ENGINE,
			...(CPU_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${CPU_PROFILE_DIR}` } : {}),
		},
	});
	resources.n8n = n8n;

	const inboxHealth: Credential = await n8n.createCredential('Inbox Health sandbox (bench)', 'inboxHealthApi', {
		apiKey: API_KEY,
		authMethod: 'basicAuth',
		environment: 'custom',
		customBaseUrl: sandbox.baseUrl,
		rateLimitPerSecond: RATE,
		rateLimitBurst: BURST,
	});
	const basicAuth: Credential = await n8n.createCredential('Inbox Health API key as Basic auth (bench)', 'httpBasicAuth', { user: API_KEY, password: '' });
	const bind = (json: WorkflowJson) => bindCredentials(json, { inboxHealthApi: inboxHealth, httpBasicAuth: basicAuth });

	const oursJson = bind(readWorkflow('create-patients-node.json'));
	const theirsJson = bind(readWorkflow('create-patients-http.json'));
	theirsJson.nodes = theirsJson.nodes.map((node) =>
		typeof node.parameters.url === 'string' ? { ...node, parameters: { ...node.parameters, url: node.parameters.url.replace('__SANDBOX_BASE_URL__', sandbox.baseUrl) } } : node,
	);
	const getManyJson = bind(readWorkflow('get-many-patients.json'));
	const workflows = {
		ours: await n8n.createWorkflow(oursJson),
		theirs: await n8n.createWorkflow(theirsJson),
		getMany: await n8n.createWorkflow(getManyJson),
	};
	for (const workflow of Object.values(workflows)) await n8n.activate(workflow.id);
	const urlOf = (json: WorkflowJson) => `${n8n.webhookBaseUrl}/${webhookPath(json)}`;
	const ctx: Context = { sandbox, n8n, enterpriseId, executions: new Map() };

	// Warm-up: one item through each create path (loads the nodes, starts the task runner).
	for (const [workflow, json, tag] of [
		[workflows.ours, oursJson, 'WarmupNode'],
		[workflows.theirs, theirsJson, 'WarmupHttp'],
	] as const) {
		const answer = await postJson(urlOf(json), { n: 1, enterpriseId, tag }, 60_000);
		if (answer.status >= 400) throw new Error(`warm-up of "${json.name}" failed: HTTP ${answer.status} ${answer.text.slice(0, 300)}\n${n8n.logTail(20)}`);
		ctx.executions.set(workflow.id, 1);
		const execution = await latestExecution(n8n, workflow.id, 1);
		const problem = execution.status !== 'success' ? execution.data?.resultData.error?.message ?? execution.status : firstItemError(execution);
		if (problem) throw new Error(`warm-up of "${json.name}" failed: ${problem}`);
		if (patientsTagged(sandbox, tag).rows !== 1) throw new Error(`warm-up of "${json.name}" did not create its patient`);
	}

	const idleBefore = groupCpu(n8n.pid).seconds;
	await sleep(5000); // also lets the node's in-process bucket refill completely
	const idleCpuPerSecond = (groupCpu(n8n.pid).seconds - idleBefore) / 5;
	log(`n8n processes: ${groupCpu(n8n.pid).processes.map((p) => `${p.pid} ${p.comm}`).join(', ')}`);

	log(`creating ${N} patients with the Inbox Health node...`);
	await refillSandboxBuckets(sandbox);
	const ours = await runCreate(ctx, 'Inbox Health node', workflows.ours.id, urlOf(oursJson), 'Create Patient', 'Node');
	const oursEnded = Date.now();
	log(`  ${seconds(ours.nodeMs)}, ${ours.responses429} × 429, ${ours.failedItems} failed`);

	log(`creating ${N} patients with the HTTP Request node...`);
	await refillSandboxBuckets(sandbox);
	const theirs = await runCreate(ctx, 'HTTP Request node', workflows.theirs.id, urlOf(theirsJson), 'Create Patient (HTTP Request)', 'Http');
	log(`  ${seconds(theirs.nodeMs)}, ${theirs.responses429} × 429, ${theirs.failedItems} failed`);

	// The node's bucket (shared in the n8n process per key) must be full again, like the sandbox's.
	await sleep(Math.max(0, oursEnded + (BURST / RATE) * 1000 + 500 - Date.now()));
	log(`Get Many over ${GET_MANY_PATIENTS} patients...`);
	const getMany = await runGetMany(ctx, workflows.getMany.id, urlOf(getManyJson));
	log(`  ${seconds(getMany.nodeMs)}, ${getMany.items} items, ${getMany.pages} pages, peak RSS ${mib(getMany.peakRssSampled)}`);

	await cleanup();

	log(`signature verification (Node.js ${process.version}, in process)...`);
	const signatures = runSignatureBench(SIGNATURE_MS);
	log("signature verification (n8n's Node.js, child process)...");
	const n8nNodeSignatures = await signatureBenchUnder(runtime.nodeBin);

	const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
	const n8nPkg = JSON.parse(readFileSync(path.join(RUNTIME_ROOT, 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string };
	const env: Environment = {
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
		memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		benchNode: process.version.replace(/^v/, ''),
		n8nNode: commandOutput(runtime.nodeBin, ['--version']).replace(/^v/, ''),
		n8nVersion: n8nPkg.version,
		packageVersion: pkg.version,
		loadBefore: loadBefore.toFixed(2),
		loadAfter: os.loadavg()[0].toFixed(2),
		idleCpuPerSecond,
	};
	const markdown = report(env, ours, theirs, getMany, [
		...signatures.map((result) => ({ ...result, node: env.benchNode, where: 'in process' })),
		...(n8nNodeSignatures ?? []).map((result) => ({ ...result, node: env.n8nNode, where: 'child process' })),
	]);
	writeFileSync(OUT_FILE, markdown);
	console.log(`\n${markdown}`);
	log(`written to ${path.relative(process.cwd(), OUT_FILE) || OUT_FILE}`);
}

// ---------------------------------------------------------------------------
// Stopping what was started

const resources: { sandbox?: Sandbox; n8n?: N8nInstance; userFolder?: string; child?: ChildProcess } = {};
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
	cleaning ??= (async () => {
		const { n8n, sandbox, userFolder } = resources;
		if (n8n) {
			await n8n.stop().catch((error) => console.error(`[bench] stopping n8n: ${error}`));
		}
		if (sandbox) await sandbox.close().catch((error) => console.error(`[bench] stopping the sandbox: ${error}`));
		if (userFolder) {
			if (KEEP) log(`n8n user folder kept: ${userFolder}`);
			else rmSync(userFolder, { recursive: true, force: true });
		}
	})();
	return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		console.error(`\n[bench] ${signal}: stopping n8n and the sandbox...`);
		if (resources.child?.exitCode === null) resources.child.kill('SIGTERM');
		void cleanup().finally(() => process.exit(130));
	});
}

main().then(
	() => process.exit(0),
	async (error) => {
		console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
		if (resources.n8n) console.error(`[bench] n8n log tail:\n${resources.n8n.logTail(30)}`);
		await cleanup();
		process.exit(1);
	},
);
