/**
 * Shared set-up of the end-to-end mission tests: one sandbox and one real n8n 2.41 server
 * per test file (n8n costs ~15 s to start), a credential pointing at the sandbox, example
 * workflows imported from examples/*.json with that credential bound, and helpers to call
 * webhooks and read executions.
 *
 * E2E_KEEP=1 keeps the n8n user folders (log, database) under .e2e/ for inspection.
 * E2E_PACKAGE_DIR=<dir> installs the package built in another folder (e.g. to try a fix) instead
 * of this repository's (either way `npm run build` must have run there).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import { readExample } from '../../scripts/examples';
import {
	bindCredentials,
	getFreePort,
	startN8n,
	type Credential,
	type Execution,
	type N8nInstance,
	type Workflow,
	type WorkflowJson,
	type WorkflowNode,
} from '../../scripts/n8n';
import { ensureRuntime, REPO_ROOT, type Runtime } from '../../scripts/runtime';
import { TEST_API_KEY, useSandbox, type SandboxHandle } from '../support/sandbox';

export const CREDENTIAL_TYPE = 'inboxHealthApi';
export { TEST_API_KEY };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined; bounded in time. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(everyMs);
	}
}

export interface E2eEnvironment {
	sandbox(): SandboxHandle;
	n8n(): N8nInstance;
	/** The credential every imported example uses (Basic auth, the sandbox's test key). */
	credential(): Credential;
	/** Another credential of the same type (e.g. with a wrong key). */
	createCredential(name: string, overrides?: Record<string, unknown>): Promise<Credential>;
	/** Stops n8n and starts it again on the same user folder and port (same webhook URLs). */
	restartN8n(): Promise<void>;
}

/**
 * Registers beforeAll/afterAll hooks: the sandbox (test/support/sandbox.ts), then n8n with
 * this package installed and a credential. Call once at the top level of a test file.
 */
export function useE2e(): E2eEnvironment {
	const sandbox = useSandbox();
	let n8n: N8nInstance | undefined;
	let credential: Credential | undefined;
	let userFolder: string | undefined;
	let port = 0;
	let runtime: Runtime;

	const start = async () => {
		n8n = await startN8n({ userFolder: userFolder!, port, runtime, quiet: true, packageDir: process.env.E2E_PACKAGE_DIR || undefined });
	};

	const credentialData = (overrides: Record<string, unknown> = {}) => ({
		apiKey: TEST_API_KEY,
		authMethod: 'basicAuth',
		environment: 'custom',
		customBaseUrl: sandbox().baseUrl,
		rateLimitPerSecond: 100,
		rateLimitBurst: 100,
		...overrides,
	});

	beforeAll(async () => {
		mkdirSync(path.join(REPO_ROOT, '.e2e'), { recursive: true });
		userFolder = mkdtempSync(path.join(REPO_ROOT, '.e2e', 'n8n-'));
		runtime = await ensureRuntime({ log: (message) => process.stderr.write(`${message}\n`) });
		port = await getFreePort();
		await start();
		credential = await n8n!.createCredential('Inbox Health e2e sandbox', CREDENTIAL_TYPE, credentialData());
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
		if (userFolder && process.env.E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	}, 60_000);

	return {
		sandbox,
		n8n: () => {
			if (!n8n) throw new Error('n8n is not running');
			return n8n;
		},
		credential: () => {
			if (!credential) throw new Error('no credential yet');
			return credential;
		},
		createCredential: (name, overrides) => n8n!.createCredential(name, CREDENTIAL_TYPE, credentialData(overrides)),
		restartN8n: async () => {
			await n8n?.stop();
			n8n = undefined;
			await start();
		},
	};
}

// ---------------------------------------------------------------------------
// Examples

export interface ImportOptions {
	/** Default: the environment's credential. */
	credential?: Credential;
	/** Changes to the workflow JSON before it is created (e.g. a different webhook path). */
	mutate?: (json: WorkflowJson) => void;
	/** Activate after creating (default true). */
	activate?: boolean;
}

export interface ImportedWorkflow {
	json: WorkflowJson;
	workflow: Workflow;
	/** Production URL of the (first) Webhook node, if it has one. */
	webhookUrl?: string;
}

export function nodeNamed(json: WorkflowJson, name: string): WorkflowNode {
	const node = json.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`${json.name} has no node "${name}" (nodes: ${json.nodes.map((n) => n.name).join(', ')})`);
	return node;
}

/** Gives the workflow's Webhook node another path and webhookId, so that copies can be active side by side. */
export function moveWebhook(json: WorkflowJson, suffix: string): void {
	for (const node of json.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.webhook')) {
		node.parameters.path = `${String(node.parameters.path)}-${suffix}`;
		node.webhookId = `${String(node.webhookId).slice(0, 24)}${suffix.padStart(12, '0').slice(-12)}`;
	}
}

/** Imports examples/<name>.json into n8n with the credential bound (and activates it). */
export async function importExample(env: E2eEnvironment, name: string, options: ImportOptions = {}): Promise<ImportedWorkflow> {
	const credential = options.credential ?? env.credential();
	const json = bindCredentials(structuredClone(readExample(name)), { [CREDENTIAL_TYPE]: credential });
	options.mutate?.(json);
	const n8n = env.n8n();
	const workflow = await n8n.createWorkflow(json);
	if (options.activate !== false) await n8n.activate(workflow.id);
	const webhook = json.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	const webhookUrl = webhook ? `${n8n.webhookBaseUrl}/${String(webhook.parameters.path)}` : undefined;
	return { json, workflow, webhookUrl };
}

/** Deactivates (if active) and deletes a workflow; never throws (for afterEach). */
export async function removeWorkflow(n8n: N8nInstance, id: string): Promise<void> {
	try {
		const [current] = (await n8n.listWorkflows()).filter((workflow) => workflow.id === id);
		if (current?.active) await n8n.deactivate(id);
		await n8n.deleteWorkflow(id);
	} catch (error) {
		process.stderr.write(`cleanup of workflow ${id} failed: ${String(error)}\n`);
	}
}

// ---------------------------------------------------------------------------
// Calling webhooks and reading executions

export interface WebhookAnswer {
	status: number;
	body: unknown;
	text: string;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<WebhookAnswer> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal: AbortSignal.timeout(60_000),
	});
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return { status: res.status, body: parsed, text };
}

export type Json = Record<string, unknown>;

export interface NodeRunItem {
	json: Json;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }>;
}

/** Output items of the first run of `node` (output 0) in an execution fetched with includeData. */
export function nodeOutput(execution: Execution, node: string): NodeRunItem[] {
	const runs = execution.data?.resultData.runData[node];
	if (!runs) {
		const ran = Object.keys(execution.data?.resultData.runData ?? {}).join(', ');
		throw new Error(`execution ${execution.id} has no run of "${node}" (ran: ${ran || 'nothing'}; did you ask for includeData?)`);
	}
	return (runs[0].data?.main[0] ?? []) as NodeRunItem[];
}

/** The error a failed execution reports (as the editor shows it). */
export function executionError(execution: Execution): { message: string; description?: string; node?: string; httpCode?: string } {
	const error = execution.data?.resultData.error as
		| { message: string; description?: string | null; node?: { name?: string }; httpCode?: string | null }
		| undefined;
	if (!error) throw new Error(`execution ${execution.id} (${execution.status}) has no error`);
	return {
		message: error.message,
		description: error.description ?? undefined,
		node: error.node?.name,
		httpCode: error.httpCode ?? undefined,
	};
}

/** The newest finished execution of a workflow, with its data, once there are `count` of them. */
export async function latestExecution(n8n: N8nInstance, workflowId: string, count = 1): Promise<Execution> {
	const executions = await n8n.waitForExecutions(workflowId, count, 30_000, { includeData: true });
	return executions[0];
}

export function pairedIndex(item: NodeRunItem): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return paired?.item;
}
