/**
 * End to end in a real n8n 2.41 server: the package installed the way a user installs
 * it (npm pack → <user folder>/.n8n/nodes), a credential pointing at the sandbox, the
 * example workflow imported and activated, and its production webhook called over HTTP.
 *
 * Slow (n8n starts in ~10-20 s; the first run installs the runtime, ~5 min).
 * E2E_KEEP=1 keeps the n8n user folder (log, database) under .e2e/ for inspection.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';

import { readExample } from '../../scripts/examples';
import { bindCredentials, getFreePort, PACKAGE_NAME, startN8n, type Credential, type N8nInstance, type Workflow } from '../../scripts/n8n';
import { ensureRuntime, REPO_ROOT } from '../../scripts/runtime';
import { TEST_API_KEY, useSandbox } from '../support/sandbox';

jest.setTimeout(120_000);

const CREDENTIAL_TYPE = 'inboxHealthApi';
const ACTION_NODE = `${PACKAGE_NAME}.inboxHealth`;

const sandbox = useSandbox();
let n8n: N8nInstance;
let userFolder: string;

beforeAll(async () => {
	mkdirSync(path.join(REPO_ROOT, '.e2e'), { recursive: true });
	userFolder = mkdtempSync(path.join(REPO_ROOT, '.e2e', 'n8n-'));
	// A first run installs the runtime (~5 min): show its progress past jest's buffering.
	const runtime = await ensureRuntime({ log: (message) => process.stderr.write(`${message}\n`) });
	n8n = await startN8n({ userFolder, port: await getFreePort(), runtime, quiet: true });
}, 600_000);

afterAll(async () => {
	await n8n?.stop();
	if (userFolder && process.env.E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
}, 60_000);

/** Lines of n8n's log that report a problem loading or running this package. */
function packageProblems(log: string): string[] {
	return log
		.split('\n')
		.filter((line) => /inbox-?health|Failed to load package|Skipping package|Unknown (node|credential)/i.test(line))
		.filter((line) => /error|fail|skipp|unknown|warn/i.test(line));
}

describe('the package in a real n8n server', () => {
	test('n8n loads the credential and node types without errors', () => {
		const nodeTypes = n8n.loadedNodeTypes().map((type) => type.name);
		const credentialTypes = n8n.loadedCredentialTypes().map((type) => type.name);
		expect(nodeTypes).toContain(ACTION_NODE);
		expect(credentialTypes).toContain(CREDENTIAL_TYPE);
		expect(packageProblems(n8n.log())).toEqual([]);
	});

	describe('the list-enterprises example behind a production webhook', () => {
		let credential: Credential;
		let workflow: Workflow;
		let webhookUrl: string;
		const createdNames = ['E2E Alpha Medical Group', 'E2E Beta Family Practice'];
		/** Every enterprise the sandbox lists (the two created plus any it seeds itself). */
		let sandboxNames: string[];

		const credentialData = (authMethod: 'basicAuth' | 'apiKeyHeader') => ({
			apiKey: TEST_API_KEY,
			authMethod,
			environment: 'custom',
			customBaseUrl: sandbox().baseUrl,
			rateLimitPerSecond: 10,
			rateLimitBurst: 100,
		});

		const callWebhook = async (): Promise<Array<Record<string, unknown>>> => {
			const res = await fetch(webhookUrl);
			const text = await res.text();
			if (!res.ok) throw new Error(`GET ${webhookUrl}: HTTP ${res.status} ${text}\n${n8n.logTail(20)}`);
			return JSON.parse(text) as Array<Record<string, unknown>>;
		};

		beforeAll(async () => {
			await sandbox().reset();
			for (const name of createdNames) {
				await sandbox().api('POST', '/enterprises', { enterprise: { name } });
			}
			const listed = await sandbox().api<{ enterprises: Array<{ name: string }> }>('GET', '/enterprises?per_page=100');
			sandboxNames = listed.enterprises.map((enterprise) => enterprise.name);
			expect(sandboxNames).toEqual(expect.arrayContaining(createdNames));
			credential = await n8n.createCredential('Inbox Health e2e sandbox', CREDENTIAL_TYPE, credentialData('basicAuth'));
			const json = bindCredentials(readExample('01-list-enterprises'), { [CREDENTIAL_TYPE]: credential });
			workflow = await n8n.createWorkflow(json);
			const webhookPath = json.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')?.parameters.path;
			webhookUrl = `${n8n.webhookBaseUrl}/${String(webhookPath)}`;
		});

		test('the credential is stored without echoing its secret', async () => {
			expect(credential).toMatchObject({ name: 'Inbox Health e2e sandbox', type: CREDENTIAL_TYPE });
			expect(JSON.stringify(await n8n.listCredentials())).not.toContain(TEST_API_KEY);
		});

		test("the credential test (the editor's Test button) explains a wrong key and accepts the right one", async () => {
			const wrong = await n8n.testCredential(credential, { ...credentialData('basicAuth'), apiKey: 'not-the-key' });
			expect(wrong).toEqual({
				status: 'Error',
				message: 'Authentication failed: check the API key and the authentication method',
			});
			const right = await n8n.testCredential(credential, credentialData('apiKeyHeader'));
			expect(right.status).toBe('OK');
			const wrongUrl = await n8n.testCredential(credential, {
				...credentialData('basicAuth'),
				customBaseUrl: `${sandbox().server.url}/not-the-api`,
			});
			expect(wrongUrl.status).toBe('Error');
		});

		test('activating registers the webhook, which answers with the sandbox enterprises (Basic auth)', async () => {
			const activated = await n8n.activate(workflow.id);
			expect(activated.active).toBe(true);
			await sandbox().clearRequests();

			const enterprises = await callWebhook();

			expect(enterprises.map((enterprise) => enterprise.name).sort()).toEqual([...sandboxNames].sort());
			const listCalls = (await sandbox().requests()).filter((r) => r.method === 'GET' && /^(\/partner\/v2)?\/enterprises$/.test(r.path));
			expect(listCalls.length).toBeGreaterThanOrEqual(1);
			expect(listCalls.every((r) => r.auth === 'basic' && r.status === 200)).toBe(true);

			const [execution] = await n8n.waitForExecutions(workflow.id, 1, 30_000);
			expect(execution.status).toBe('success');
		});

		test('after switching the credential to the x-api-key header, the same workflow authenticates with it', async () => {
			await n8n.updateCredential(credential.id, { name: credential.name, type: CREDENTIAL_TYPE, data: credentialData('apiKeyHeader') });
			await sandbox().clearRequests();

			const enterprises = await callWebhook();

			expect(enterprises.map((enterprise) => enterprise.name).sort()).toEqual([...sandboxNames].sort());
			const auths = (await sandbox().requests()).map((r) => r.auth);
			expect(auths.length).toBeGreaterThanOrEqual(1);
			expect(new Set(auths)).toEqual(new Set(['x-api-key']));
		});

		test('deactivating removes the production webhook', async () => {
			const deactivated = await n8n.deactivate(workflow.id);
			expect(deactivated.active).toBe(false);
			const res = await fetch(webhookUrl);
			expect(res.status).toBe(404);
			await res.body?.cancel();
		});
	});
});
