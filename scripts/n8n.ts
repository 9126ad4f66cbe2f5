/**
 * Starts a real, headless n8n server with this package installed the way a user's
 * install puts it, and drives it through its public REST API.
 *
 * Used by `npm start` (scripts/start.ts), the end-to-end tests and the benchmark.
 * Facts behind the choices here: /work/shared/n8n-runtime.md.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { ensureRuntime, REPO_ROOT, type Runtime } from './runtime';

const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------
// Types

export interface StartN8nOptions {
	/** N8N_USER_FOLDER: SQLite, settings, installed packages and the owner file live here. */
	userFolder: string;
	port: number;
	/** Task runner broker port; default: a free port. */
	brokerPort?: number;
	/** Base URL triggers report and register; default http://127.0.0.1:<port>/. */
	webhookUrl?: string;
	/** Extra environment for n8n (wins over the defaults). */
	env?: Record<string, string>;
	/** Do not echo n8n's output (it is always kept in memory and in <userFolder>/n8n.log). */
	quiet?: boolean;
	/** Package folder to pack and install; default the repository root. */
	packageDir?: string;
	/** Runtime to use; default ensureRuntime(). */
	runtime?: Runtime;
	/** How long to wait for the server to answer; default 180 s. */
	startTimeoutMs?: number;
	/** Progress messages; default console.log unless quiet. */
	log?: (message: string) => void;
}

/** The owner login and public API key; kept in <userFolder>/owner.json. */
export interface OwnerAccount {
	email: string;
	password: string;
	apiKey: string;
}

export interface CredentialRef {
	id: string;
	name: string;
}

export interface Credential extends CredentialRef {
	type: string;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, CredentialRef>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface Workflow extends WorkflowJson {
	id: string;
	active: boolean;
}

export interface Execution {
	id: string;
	workflowId: string;
	finished: boolean;
	mode: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	/** Present with includeData. */
	data?: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;
			error?: { message: string };
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecutionQuery {
	workflowId?: string;
	includeData?: boolean;
	status?: 'error' | 'success' | 'waiting' | 'canceled' | 'crashed' | 'running' | 'new';
}

/**
 * n8n 2.41 publishes (activates) workflows asynchronously: the API call queues the
 * publication and a background worker registers the triggers. This is its progress
 * (GET /rest/workflows/<id>/publication-status).
 */
export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed';
	triggers: Array<{ nodeId: string; status: string; errorMessage: string | null }>;
}

/** An entry of <userFolder>/.cache/n8n/public/types/{nodes,credentials}.json. */
export interface LoadedType {
	name: string;
	displayName: string;
	[key: string]: unknown;
}

export interface N8nInstance {
	/** Editor / REST base, e.g. http://127.0.0.1:5678 (no trailing slash). */
	url: string;
	/** Base for production webhooks, e.g. http://127.0.0.1:5678/webhook (no trailing slash). */
	webhookBaseUrl: string;
	userFolder: string;
	owner: OwnerAccount;
	apiKey: string;
	pid: number;
	/** A public API call: `path` is relative to /api/v1 (e.g. '/workflows'). Throws N8nApiError. */
	request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	createCredential(name: string, type: string, data: Record<string, unknown>): Promise<Credential>;
	updateCredential(id: string, patch: { name?: string; type?: string; data?: Record<string, unknown> }): Promise<Credential>;
	listCredentials(): Promise<Credential[]>;
	/** Runs the credential type's test (as the editor's "Test" button does) with the given data. */
	testCredential(credential: Credential, data: Record<string, unknown>): Promise<{ status: string; message: string }>;
	/** Creates a workflow from exported JSON (read-only fields such as id/active are dropped). */
	createWorkflow(json: WorkflowJson): Promise<Workflow>;
	listWorkflows(filter?: { name?: string; active?: boolean }): Promise<Workflow[]>;
	/**
	 * Activates (publishes) the workflow and waits until its triggers are registered
	 * (default 30 s); throws with the triggers' errors when that fails.
	 */
	activate(id: string, timeoutMs?: number): Promise<Workflow>;
	/** Deactivates the workflow and waits until its triggers are removed. */
	deactivate(id: string, timeoutMs?: number): Promise<Workflow>;
	/** Undefined on servers that activate synchronously (no publication service). */
	publicationStatus(id: string): Promise<PublicationStatus | undefined>;
	deleteWorkflow(id: string): Promise<void>;
	/** All executions matching the query, newest first. */
	executions(query?: ExecutionQuery): Promise<Execution[]>;
	/** Waits until the workflow has at least `count` finished (not running/new/waiting) executions. */
	waitForExecutions(workflowId: string, count: number, timeoutMs?: number, options?: { includeData?: boolean }): Promise<Execution[]>;
	/** Node types n8n wrote to its static types cache at start. */
	loadedNodeTypes(): LoadedType[];
	loadedCredentialTypes(): LoadedType[];
	/** n8n's output so far (stdout and stderr, in order). */
	log(): string;
	logTail(lines?: number): string;
	/** SIGTERM, wait for exit; SIGKILL the whole process group after `timeoutMs` (default 20 s). */
	stop(timeoutMs?: number): Promise<void>;
}

export class N8nApiError extends Error {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`n8n ${method} ${path} failed: HTTP ${status}: ${body.slice(0, 500)}`);
		this.name = 'N8nApiError';
	}
}

// ---------------------------------------------------------------------------
// Constants

export const PACKAGE_NAME = readPackageJson(REPO_ROOT).name;
export const OWNER_EMAIL = 'owner@example.com';
const OWNER_FILE = 'owner.json';
const LOG_FILE = 'n8n.log';
/** n8n binds the auth cookie to this header; any constant works for a script. */
const BROWSER_ID = 'inbox-health-dev-scripts';
const MAX_LOG_CHARS = 4_000_000;
const FINISHED_STATUSES = new Set(['success', 'error', 'canceled', 'crashed']);

// ---------------------------------------------------------------------------
// Small helpers

interface PackageJson {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

function readPackageJson(dir: string): PackageJson {
	return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Listens on 127.0.0.1:`port` (0: any) and closes again; resolves the port. */
function probePort(port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export const getFreePort = (): Promise<number> => probePort(0);

/** Fails clearly when the port is taken (else the readiness probe could reach another server). */
async function assertPortFree(port: number, what: string): Promise<void> {
	try {
		await probePort(port);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new Error(`${what} port ${port} on 127.0.0.1 is not free (${code ?? error}); stop what uses it or choose another port`);
	}
}

/** A password n8n accepts (8-64 chars, a digit, an upper-case letter). */
function generatePassword(): string {
	return `Ih${randomBytes(12).toString('base64url')}7`;
}

// ---------------------------------------------------------------------------
// Installing the package as a user would

/**
 * `npm pack` of the built package, then the steps n8n's own community-package install
 * takes (CommunityPackagesService.downloadPackage): extract into
 * <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies
 * from its package.json (n8n-workflow comes from n8n itself), install the remaining
 * runtime dependencies, and record it in <userFolder>/.n8n/nodes/package.json.
 */
export async function installPackage(userFolder: string, packageDir = REPO_ROOT): Promise<string> {
	assertBuilt(packageDir);
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'inbox-health-pack-'));
	try {
		const { tarball, name } = await packPackage(packageDir, packDir);
		return await extractIntoNodesFolder(tarball, name, userFolder);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

function assertBuilt(packageDir: string): void {
	const pkg = readPackageJson(packageDir);
	const files = [...(pkg.n8n?.credentials ?? []), ...(pkg.n8n?.nodes ?? [])];
	const missing = files.filter((file) => !existsSync(path.join(packageDir, file)));
	if (files.length === 0 || missing.length > 0) {
		throw new Error(`The package is not built (missing: ${missing.join(', ') || 'an n8n section'}); run \`npm run build\` first.`);
	}
}

async function packPackage(packageDir: string, destination: string): Promise<{ tarball: string; name: string }> {
	const { stdout } = await execFileAsync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
		cwd: packageDir,
		maxBuffer: 64 * 1024 * 1024,
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string; name: string }>;
	return { tarball: path.join(destination, packed.filename), name: packed.name };
}

async function extractIntoNodesFolder(tarball: string, name: string, userFolder: string): Promise<string> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	await execFileAsync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const pkg = readPackageJson(packageDir);
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete pkg[field];
	writeFileSync(path.join(packageDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	if (Object.keys(pkg.dependencies ?? {}).length > 0) {
		await execFileAsync(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ cwd: packageDir, maxBuffer: 64 * 1024 * 1024 },
		);
	}
	recordInstalledPackage(nodesDir, pkg);
	return packageDir;
}

function recordInstalledPackage(nodesDir: string, pkg: PackageJson): void {
	const file = path.join(nodesDir, 'package.json');
	const manifest: PackageJson = existsSync(file)
		? (JSON.parse(readFileSync(file, 'utf8')) as PackageJson)
		: { name: 'installed-nodes', version: '1.0.0', private: true };
	manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
	writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

// ---------------------------------------------------------------------------
// The n8n process

interface N8nProcess {
	child: ChildProcess;
	log(): string;
	exited: Promise<void>;
	isRunning(): boolean;
}

/** Variables of the calling process that must not reach n8n (jest sets NODE_ENV=test, which makes n8n refuse to load nodes and exit silently). */
const NOT_INHERITED = ['NODE_ENV', 'JEST_WORKER_ID'];

function headlessEnv(options: StartN8nOptions, runtime: Runtime, brokerPort: number): NodeJS.ProcessEnv {
	const inherited = Object.fromEntries(Object.entries(runtime.env).filter(([name]) => !NOT_INHERITED.includes(name)));
	return {
		...inherited,
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		// Fetches a catalogue from api.n8n.io at start (unreachable here: an error in the log).
		N8N_DISABLED_MODULES: 'mcp-registry',
		DB_TYPE: 'sqlite',
		WEBHOOK_URL: options.webhookUrl ?? `http://127.0.0.1:${options.port}/`,
		...options.env,
	};
}

function spawnN8n(runtime: Runtime, env: NodeJS.ProcessEnv, logFile: string, echo: boolean): N8nProcess {
	writeFileSync(logFile, '');
	// Own process group, so stop() can take the task runner down with it; stdout and
	// stderr are always drained (a blocked pipe makes n8n spin, see the runtime notes).
	const child = spawn(runtime.n8nBin, ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	const append = (chunk: Buffer) => {
		const piece = chunk.toString('utf8');
		text = (text + piece).slice(-MAX_LOG_CHARS);
		writeFileSync(logFile, piece, { flag: 'a' });
		if (echo) process.stdout.write(piece.replace(/^(?=.)/gm, '[n8n] '));
	};
	child.stdout!.on('data', append);
	child.stderr!.on('data', append);
	let running = true;
	const exited = new Promise<void>((resolve) => child.on('exit', () => ((running = false), resolve())));
	// If this process dies first, do not leave n8n behind.
	const killOnExit = () => running && killGroup(child, 'SIGKILL');
	process.once('exit', killOnExit);
	void exited.then(() => process.off('exit', killOnExit));
	return { child, log: () => text, exited, isRunning: () => running };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	try {
		process.kill(-child.pid!, signal);
	} catch {
		// already gone
	}
}

async function stopProcess(proc: N8nProcess, timeoutMs: number): Promise<void> {
	if (!proc.isRunning()) return;
	proc.child.kill('SIGTERM');
	const exitedInTime = await settlesWithin(proc.exited, timeoutMs);
	killGroup(proc.child, exitedInTime ? 'SIGTERM' : 'SIGKILL'); // the task runner, if it outlived n8n
	if (!exitedInTime) await proc.exited;
}

/** Whether `promise` settles within `ms` (the timer is cleared, so it never holds the process). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function tailOf(text: string, lines: number): string {
	return text.trim() === '' ? '(no output)' : text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Waits until /healthz answers (the HTTP server is up; it answers during migrations)
 * and then /healthz/readiness (database migrated, every route mounted).
 */
async function waitUntilReady(url: string, proc: N8nProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (const probe of ['/healthz', '/healthz/readiness']) {
		for (;;) {
			if (!proc.isRunning()) throw new Error(`n8n exited during start (exit code ${proc.child.exitCode}). Log tail:\n${tailOf(proc.log(), 40)}`);
			if (Date.now() > deadline) throw new Error(`n8n did not answer ${probe} within ${timeoutMs / 1000} s. Log tail:\n${tailOf(proc.log(), 40)}`);
			const ok = await fetch(url + probe).then((res) => res.ok, () => false);
			if (ok) break;
			await sleep(250);
		}
	}
}

// ---------------------------------------------------------------------------
// Owner and API key (the internal /rest API, with the session cookie)

class RestSession {
	private cookie = '';
	/** With a login, a call answered 401 logs in and is tried once more. */
	constructor(
		private readonly url: string,
		private readonly login?: { email: string; password: string },
	) {}

	async logIn(): Promise<void> {
		if (!this.login) throw new Error('no login for the n8n REST session');
		await this.call('POST', '/login', { emailOrLdapLoginId: this.login.email, password: this.login.password });
	}

	async call<T>(method: string, restPath: string, body?: unknown): Promise<T> {
		let res = await this.send(method, restPath, body);
		if (res.status === 401 && this.login && restPath !== '/login') {
			await res.body?.cancel();
			await this.logIn();
			res = await this.send(method, restPath, body);
		}
		const text = await res.text();
		if (!res.ok) throw new N8nApiError(method, `/rest${restPath}`, res.status, text);
		return (JSON.parse(text) as { data: T }).data;
	}

	private async send(method: string, restPath: string, body: unknown): Promise<Response> {
		const res = await fetch(`${this.url}/rest${restPath}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
		if (setCookies.length > 0) this.cookie = setCookies.join('; ');
		return res;
	}
}

async function createApiKey(session: RestSession): Promise<string> {
	const scopes = await session.call<string[]>('GET', '/api-keys/scopes');
	const created = await session.call<{ rawApiKey: string }>('POST', '/api-keys', {
		label: `inbox-health-scripts-${Date.now()}`,
		expiresAt: null,
		scopes,
	});
	return created.rawApiKey;
}

async function apiKeyWorks(url: string, apiKey: string): Promise<boolean> {
	const res = await fetch(`${url}/api/v1/workflows?limit=1`, { headers: { 'X-N8N-API-KEY': apiKey } });
	return res.ok;
}

/**
 * First start: sets the owner up and creates an API key. Later starts on the same
 * folder: reuses <userFolder>/owner.json, logging in for a new key if the stored one
 * stopped working.
 */
async function ensureOwner(url: string, userFolder: string): Promise<OwnerAccount> {
	const file = path.join(userFolder, OWNER_FILE);
	const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as OwnerAccount) : undefined;
	if (stored && (await apiKeyWorks(url, stored.apiKey))) return stored;

	const account = stored ? { email: stored.email, password: stored.password } : { email: OWNER_EMAIL, password: generatePassword() };
	const session = new RestSession(url, account);
	if (stored) {
		await session.logIn();
	} else {
		try {
			await session.call('POST', '/owner/setup', { ...account, firstName: 'Local', lastName: 'Owner' });
		} catch (error) {
			if (error instanceof N8nApiError && error.status === 400) {
				throw new Error(`n8n in ${userFolder} already has an owner but ${file} is missing; delete the folder to start over. (${error.message})`);
			}
			throw error;
		}
	}
	const owner = { ...account, apiKey: await createApiKey(session) };
	writeFileSync(file, JSON.stringify(owner, null, 2), { mode: 0o600 });
	return owner;
}

// ---------------------------------------------------------------------------
// Workflow JSON helpers

/** Fields the public API accepts when creating a workflow (it rejects any other). */
const WRITABLE_WORKFLOW_FIELDS = ['name', 'description', 'nodes', 'connections', 'settings', 'staticData', 'pinData'] as const;

export function toCreatableWorkflow(json: WorkflowJson): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	for (const field of WRITABLE_WORKFLOW_FIELDS) {
		if (json[field] !== undefined && json[field] !== null) body[field] = json[field];
	}
	body.settings ??= { executionOrder: 'v1' };
	return body;
}

/**
 * Points every node credential of a listed type at the given credential (exported
 * workflows carry the ids of the instance they came from).
 */
export function bindCredentials(json: WorkflowJson, byType: Record<string, CredentialRef>): WorkflowJson {
	return {
		...json,
		nodes: json.nodes.map((node) => {
			if (!node.credentials) return node;
			const credentials = Object.fromEntries(
				Object.entries(node.credentials).map(([type, ref]) => [type, byType[type] ? { id: byType[type].id, name: byType[type].name } : ref]),
			);
			return { ...node, credentials };
		}),
	};
}

// ---------------------------------------------------------------------------
// The client

function makeInstance(url: string, webhookUrl: string, userFolder: string, owner: OwnerAccount, proc: N8nProcess): N8nInstance {
	const session = new RestSession(url, owner);
	const request = async <T>(method: string, apiPath: string, body?: unknown): Promise<T> => {
		const res = await fetch(`${url}/api/v1${apiPath}`, {
			method,
			headers: { 'X-N8N-API-KEY': owner.apiKey, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		// The error carries n8n's answer, never the request body (it may hold credential data).
		if (!res.ok) throw new N8nApiError(method, apiPath, res.status, text);
		return (text ? JSON.parse(text) : undefined) as T;
	};

	const listAll = async <T>(apiPath: string, params: Record<string, string>): Promise<T[]> => {
		const items: T[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({ ...params, limit: '250', ...(cursor ? { cursor } : {}) });
			const page = await request<{ data: T[]; nextCursor?: string | null }>('GET', `${apiPath}?${query}`);
			items.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return items;
	};

	const executions = (query: ExecutionQuery = {}) =>
		listAll<Execution>('/executions', {
			...(query.workflowId ? { workflowId: query.workflowId } : {}),
			...(query.status ? { status: query.status } : {}),
			includeData: String(query.includeData ?? false),
		});

	const publicationStatus = async (id: string): Promise<PublicationStatus | undefined> => {
		try {
			return await session.call<PublicationStatus>('GET', `/workflows/${id}/publication-status`);
		} catch (error) {
			// 404: this n8n has no publication service (activation is synchronous there).
			if (error instanceof N8nApiError && error.status === 404) return undefined;
			throw error;
		}
	};

	const waitForPublication = async (id: string, wanted: 'published' | 'not_published', timeoutMs: number): Promise<void> => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const current = await publicationStatus(id);
			if (!current || current.status === wanted) return;
			if (wanted === 'published' && (current.status === 'failed' || current.status === 'partial')) {
				const errors = current.triggers.filter((t) => t.errorMessage).map((t) => `${t.nodeId}: ${t.errorMessage}`);
				throw new Error(`workflow ${id}: activation ${current.status}: ${errors.join('; ') || 'no error message'}`);
			}
			if (Date.now() > deadline) throw new Error(`workflow ${id}: still ${current.status} (waiting for ${wanted}) after ${timeoutMs / 1000} s`);
			await sleep(100);
		}
	};

	const readTypes = (file: string): LoadedType[] => {
		const full = path.join(userFolder, '.cache', 'n8n', 'public', 'types', file);
		if (!existsSync(full)) throw new Error(`${full} does not exist (n8n writes it at start)`);
		return JSON.parse(readFileSync(full, 'utf8')) as LoadedType[];
	};

	return {
		url,
		webhookBaseUrl: `${webhookUrl.replace(/\/$/, '')}/webhook`,
		userFolder,
		owner,
		apiKey: owner.apiKey,
		pid: proc.child.pid!,
		request,
		createCredential: (name, type, data) => request<Credential>('POST', '/credentials', { name, type, data }),
		updateCredential: (id, patch) => request<Credential>('PATCH', `/credentials/${id}`, patch),
		listCredentials: () => listAll<Credential>('/credentials', {}),
		testCredential: ({ id, name, type }, data) =>
			session.call<{ status: string; message: string }>('POST', '/credentials/test', {
				credentials: { id, name, type, data },
			}),
		createWorkflow: (json) => request<Workflow>('POST', '/workflows', toCreatableWorkflow(json)),
		listWorkflows: (filter = {}) =>
			listAll<Workflow>('/workflows', {
				...(filter.name !== undefined ? { name: filter.name } : {}),
				...(filter.active !== undefined ? { active: String(filter.active) } : {}),
			}),
		activate: async (id, timeoutMs = 30_000) => {
			const workflow = await request<Workflow>('POST', `/workflows/${id}/activate`);
			await waitForPublication(id, 'published', timeoutMs);
			return workflow;
		},
		deactivate: async (id, timeoutMs = 30_000) => {
			const workflow = await request<Workflow>('POST', `/workflows/${id}/deactivate`);
			await waitForPublication(id, 'not_published', timeoutMs);
			return workflow;
		},
		publicationStatus,
		deleteWorkflow: async (id) => {
			await request('DELETE', `/workflows/${id}`);
		},
		executions,
		waitForExecutions: async (workflowId, count, timeoutMs = 30_000, options = {}) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const found = await executions({ workflowId, includeData: options.includeData });
				const finished = found.filter((execution) => FINISHED_STATUSES.has(execution.status));
				if (finished.length >= count) return finished;
				if (Date.now() > deadline) {
					throw new Error(`workflow ${workflowId}: ${finished.length} of ${count} executions finished after ${timeoutMs / 1000} s (${found.length} in total)`);
				}
				await sleep(250);
			}
		},
		loadedNodeTypes: () => readTypes('nodes.json'),
		loadedCredentialTypes: () => readTypes('credentials.json'),
		log: proc.log,
		logTail: (lines = 40) => tailOf(proc.log(), lines),
		stop: (timeoutMs = 20_000) => stopProcess(proc, timeoutMs),
	};
}

// ---------------------------------------------------------------------------
// Entry point

/**
 * Installs the package into `userFolder`, starts `n8n start`, waits until it answers,
 * makes sure an owner and a public API key exist, and returns a client. On any
 * failure after the spawn, n8n is stopped again.
 */
export async function startN8n(options: StartN8nOptions): Promise<N8nInstance> {
	const log = options.log ?? (options.quiet ? () => {} : (message: string) => console.log(message));
	const userFolder = path.resolve(options.userFolder);
	mkdirSync(userFolder, { recursive: true });
	const runtime = options.runtime ?? (await ensureRuntime({ log }));

	const started = Date.now();
	const installedAt = await installPackage(userFolder, options.packageDir);
	log(`n8n: installed ${path.basename(installedAt)} into ${path.relative(process.cwd(), installedAt) || installedAt}`);

	await assertPortFree(options.port, 'n8n');
	const brokerPort = options.brokerPort ?? (await getFreePort());
	if (options.brokerPort) await assertPortFree(options.brokerPort, 'task broker');
	const env = headlessEnv({ ...options, userFolder }, runtime, brokerPort);
	const url = `http://127.0.0.1:${options.port}`;
	log(`n8n: starting on ${url} (user folder ${userFolder}, log ${path.join(userFolder, LOG_FILE)})`);
	const proc = spawnN8n(runtime, env, path.join(userFolder, LOG_FILE), !options.quiet);
	try {
		await waitUntilReady(url, proc, options.startTimeoutMs ?? 180_000);
		const owner = await ensureOwner(url, userFolder);
		log(`n8n: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		return makeInstance(url, env.WEBHOOK_URL!, userFolder, owner, proc);
	} catch (error) {
		await stopProcess(proc, 10_000);
		throw error;
	}
}

// ---------------------------------------------------------------------------
// Queue mode (scaling): one main process (startN8n with queueModeEnv) and `n8n worker`
// processes that take the executions from Redis. All of them share Redis, the database
// and the encryption key. n8n 2.41 accepts SQLite in queue mode with a warning ("Scaling
// mode is not officially supported with sqlite"); the processes then share one SQLite
// file (WAL mode), which is enough for tests on one machine.

export interface QueueModeSettings {
	redisHost: string;
	redisPort: number;
	/** N8N_ENCRYPTION_KEY, the same for every process (credentials are decrypted by the workers). */
	encryptionKey: string;
	/** Absolute path of the shared SQLite file (DB_SQLITE_DATABASE). */
	sqliteFile: string;
	/** QUEUE_BULL_PREFIX; default 'bull'. Distinct prefixes keep two setups on one Redis apart. */
	queuePrefix?: string;
}

/** The environment every process of a queue-mode setup needs (pass it as `env` to startN8n and startN8nWorker). */
export function queueModeEnv(settings: QueueModeSettings): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: settings.redisHost,
		QUEUE_BULL_REDIS_PORT: String(settings.redisPort),
		...(settings.queuePrefix ? { QUEUE_BULL_PREFIX: settings.queuePrefix } : {}),
		N8N_ENCRYPTION_KEY: settings.encryptionKey,
		DB_TYPE: 'sqlite',
		DB_SQLITE_DATABASE: settings.sqliteFile,
	};
}

export interface StartN8nWorkerOptions {
	/** The worker's own user folder (settings, logs, installed package); the database comes from `env`. */
	userFolder: string;
	/** QUEUE_HEALTH_CHECK_PORT: the worker's /healthz and /healthz/readiness. */
	healthPort: number;
	/** Its task runner broker port; default a free port. */
	brokerPort?: number;
	/** Jobs the worker runs at once (`--concurrency`); default n8n's 10. */
	concurrency?: number;
	/** Queue-mode environment (queueModeEnv) and anything else; wins over the defaults. */
	env: Record<string, string>;
	/** Do not echo the worker's output (kept in memory and in <userFolder>/n8n-worker.log). */
	quiet?: boolean;
	/** Prefix of echoed lines; default '[n8n worker] '. */
	label?: string;
	packageDir?: string;
	runtime?: Runtime;
	/** Default 180 s. */
	startTimeoutMs?: number;
	log?: (message: string) => void;
}

export interface N8nWorker {
	userFolder: string;
	/** http://127.0.0.1:<healthPort> */
	healthUrl: string;
	pid: number;
	log(): string;
	logTail(lines?: number): string;
	/** Ids of the executions this worker started, from its log ("Worker started execution N (job M)"). */
	startedExecutionIds(): string[];
	isRunning(): boolean;
	/** SIGTERM, wait; SIGKILL the process group after `timeoutMs` (default 20 s). */
	stop(timeoutMs?: number): Promise<void>;
}

/** Like spawnN8n, for any n8n command (`worker`, …); the child leads its own process group. */
export function spawnN8nCommand(runtime: Runtime, args: string[], env: NodeJS.ProcessEnv, logFile: string, echoPrefix: string | undefined) {
	writeFileSync(logFile, '');
	const child = spawn(runtime.n8nBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	const append = (chunk: Buffer) => {
		const piece = chunk.toString('utf8');
		text = (text + piece).slice(-MAX_LOG_CHARS);
		writeFileSync(logFile, piece, { flag: 'a' });
		if (echoPrefix !== undefined) process.stdout.write(piece.replace(/^(?=.)/gm, echoPrefix));
	};
	child.stdout!.on('data', append);
	child.stderr!.on('data', append);
	let running = true;
	const exited = new Promise<void>((resolve) => child.on('exit', () => ((running = false), resolve())));
	const killOnExit = () => running && killGroup(child, 'SIGKILL');
	process.once('exit', killOnExit);
	void exited.then(() => process.off('exit', killOnExit));
	const proc: N8nProcess = { child, log: () => text, exited, isRunning: () => running };
	return proc;
}

/**
 * Installs the package into the worker's user folder (workers load community nodes
 * themselves), starts `n8n worker` and waits until its /healthz/readiness answers 200
 * (database and Redis connected, queue consumer set up). Start the main process first:
 * it creates and migrates the database.
 */
export async function startN8nWorker(options: StartN8nWorkerOptions): Promise<N8nWorker> {
	const log = options.log ?? (options.quiet ? () => {} : (message: string) => console.log(message));
	const userFolder = path.resolve(options.userFolder);
	mkdirSync(userFolder, { recursive: true });
	const runtime = options.runtime ?? (await ensureRuntime({ log }));
	await installPackage(userFolder, options.packageDir);

	await assertPortFree(options.healthPort, 'n8n worker health');
	const brokerPort = options.brokerPort ?? (await getFreePort());
	const env = headlessEnv(
		{
			userFolder,
			port: options.healthPort,
			env: {
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(options.healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				...options.env,
			},
		},
		runtime,
		brokerPort,
	);
	if (env.EXECUTIONS_MODE !== 'queue') throw new Error('startN8nWorker: env must set EXECUTIONS_MODE=queue (use queueModeEnv)');
	const args = ['worker', ...(options.concurrency ? [`--concurrency=${options.concurrency}`] : [])];
	const healthUrl = `http://127.0.0.1:${options.healthPort}`;
	log(`n8n worker: starting (health ${healthUrl}, user folder ${userFolder})`);
	const started = Date.now();
	const proc = spawnN8nCommand(runtime, args, env, path.join(userFolder, 'n8n-worker.log'), options.quiet ? undefined : (options.label ?? '[n8n worker] '));
	try {
		const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
		for (;;) {
			if (!proc.isRunning()) throw new Error(`n8n worker exited during start (exit code ${proc.child.exitCode}). Log tail:\n${tailOf(proc.log(), 40)}`);
			if (Date.now() > deadline) throw new Error(`n8n worker was not ready within ${(options.startTimeoutMs ?? 180_000) / 1000} s. Log tail:\n${tailOf(proc.log(), 40)}`);
			const ok = await fetch(`${healthUrl}/healthz/readiness`).then((res) => (void res.body?.cancel(), res.ok), () => false);
			if (ok) break;
			await sleep(250);
		}
	} catch (error) {
		await stopProcess(proc, 10_000);
		throw error;
	}
	log(`n8n worker: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return {
		userFolder,
		healthUrl,
		pid: proc.child.pid!,
		log: proc.log,
		logTail: (lines = 40) => tailOf(proc.log(), lines),
		startedExecutionIds: () => [...proc.log().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]),
		isRunning: proc.isRunning,
		stop: (timeoutMs = 20_000) => stopProcess(proc, timeoutMs),
	};
}
