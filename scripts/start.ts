/**
 * `npm start`: the sandbox API on 4010 and a local n8n on 5678 with this package
 * installed, a credential pointing at the sandbox, and the example workflows imported.
 * Runs until Ctrl-C.
 *
 * Environment: SANDBOX_PORT (4010), N8N_PORT (5678), SANDBOX_API_KEY
 * (sandbox-api-key), SANDBOX_QUIET=1 to hide the sandbox's request lines,
 * N8N_VERBOSE=1 to echo n8n's own output.
 * State (database, owner login, API key) stays in .n8n-local/ between runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DEFAULT_API_KEY, startSandbox, type Sandbox, type SeedData } from '../sandbox/server';
import { importExamples, webhookUrlsOf } from './examples';
import { startN8n, type Credential, type N8nInstance } from './n8n';
import { ensureRuntime, REPO_ROOT } from './runtime';

const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_API_KEY = process.env.SANDBOX_API_KEY ?? DEFAULT_API_KEY;
const USER_FOLDER = path.join(REPO_ROOT, '.n8n-local');
const SEED_FILE = path.join(REPO_ROOT, 'sandbox', 'seed.example.json');
const CREDENTIAL_NAME = 'Inbox Health sandbox';
const CREDENTIAL_TYPE = 'inboxHealthApi';

function readSeed(): SeedData | undefined {
	if (!existsSync(SEED_FILE)) return undefined;
	console.log(`sandbox: seeding from ${path.relative(REPO_ROOT, SEED_FILE)}`);
	return JSON.parse(readFileSync(SEED_FILE, 'utf8')) as SeedData;
}

/** Creates the sandbox credential, or brings an existing one (same name) up to date. */
async function ensureSandboxCredential(n8n: N8nInstance, sandbox: Sandbox): Promise<Credential> {
	const data = {
		apiKey: SANDBOX_API_KEY,
		authMethod: 'basicAuth',
		environment: 'custom',
		customBaseUrl: sandbox.baseUrl,
		rateLimitPerSecond: 10,
		rateLimitBurst: 100,
	};
	const existing = (await n8n.listCredentials()).find((c) => c.name === CREDENTIAL_NAME && c.type === CREDENTIAL_TYPE);
	if (existing) {
		await n8n.updateCredential(existing.id, { name: CREDENTIAL_NAME, type: CREDENTIAL_TYPE, data });
		return existing;
	}
	return await n8n.createCredential(CREDENTIAL_NAME, CREDENTIAL_TYPE, data);
}

async function importAndReport(n8n: N8nInstance, credential: Credential): Promise<void> {
	const imported = await importExamples(n8n, { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } });
	for (const { file, workflow, created, activationError } of imported) {
		const state = created ? 'imported' : 'already there';
		console.log(`examples: ${path.basename(file)} → "${workflow.name}" (${state}) ${n8n.url}/workflow/${workflow.id}`);
		if (activationError) console.log(`examples:   not activated: ${activationError}`);
		for (const url of webhookUrlsOf(workflow, n8n.webhookBaseUrl)) console.log(`examples:   webhook ${url}`);
	}
}

function stopOnSignal(stop: () => Promise<void>): void {
	let stopping = false;
	const handler = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping n8n and the sandbox...`);
		stop().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', handler);
	process.on('SIGTERM', handler);
}

async function main(): Promise<void> {
	const runtime = await ensureRuntime();
	const sandbox = await startSandbox({
		port: SANDBOX_PORT,
		apiKeys: [SANDBOX_API_KEY],
		seed: readSeed(),
		quiet: process.env.SANDBOX_QUIET === '1',
	});
	let n8n: N8nInstance | undefined;
	stopOnSignal(async () => {
		await n8n?.stop();
		await sandbox.close();
	});
	console.log(`sandbox: ${sandbox.baseUrl} (API key ${SANDBOX_API_KEY}, admin ${sandbox.url}/__admin)`);

	n8n = await startN8n({ userFolder: USER_FOLDER, port: N8N_PORT, runtime, quiet: process.env.N8N_VERBOSE !== '1', log: console.log });
	const credential = await ensureSandboxCredential(n8n, sandbox);
	console.log(`n8n: credential "${credential.name}" → ${sandbox.baseUrl}`);
	await importAndReport(n8n, credential);

	console.log(
		[
			'',
			`  n8n editor   ${n8n.url}`,
			`  login        ${n8n.owner.email} / ${n8n.owner.password}`,
			`  sandbox API  ${sandbox.baseUrl}`,
			`  n8n log      ${path.relative(process.cwd(), path.join(USER_FOLDER, 'n8n.log'))}`,
			'',
			'Ctrl-C stops both.',
		].join('\n'),
	);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
