import type { IDataObject } from 'n8n-workflow';

import { runActionNode, runWorkflow } from '../support/n8n';
import { probeNode } from '../support/probe';
import { TEST_API_KEY, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

async function probe(items: IDataObject[], credentialOverrides: IDataObject = {}) {
	const result = await runWorkflow(
		{ nodes: [probeNode()], connections: {} },
		{ credentials: sandbox().credentials(credentialOverrides), input: items },
	);
	return result.output('Probe').map((item) => item.json);
}

async function createEnterprises(count: number) {
	for (let n = 1; n <= count; n++) {
		await sandbox().api('POST', '/enterprises', { enterprise: { name: `Clinic ${n}` } });
	}
}

beforeEach(async () => {
	await sandbox().reset();
	await sandbox().setFaults({});
	await sandbox().setRateLimit(0, 1); // rate 0: the API limit is off
});

describe('authentication', () => {
	it('sends the key as the HTTP Basic username by default', async () => {
		await createEnterprises(1);
		await sandbox().clearRequests();
		const { items } = await runActionNode(
			{ resource: 'enterprise', operation: 'getAll', returnAll: true },
			{ credentials: sandbox().credentials() },
		);
		expect(items).toHaveLength(1);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: '/partner/v2/enterprises', auth: 'basic', status: 200 });
	});

	it('sends the key in x-api-key when the credential says so', async () => {
		await sandbox().clearRequests();
		await runActionNode(
			{ resource: 'enterprise', operation: 'getAll', returnAll: true },
			{ credentials: sandbox().credentials({ authMethod: 'apiKeyHeader' }) },
		);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ auth: 'x-api-key', status: 200 });
	});

	it('turns 401 into "check your API key" without echoing the key', async () => {
		const wrongKey = 'wrong-key-abc123';
		const { error } = await runActionNode(
			{ resource: 'enterprise', operation: 'getAll', returnAll: true },
			{ credentials: sandbox().credentials({ apiKey: wrongKey }) },
		);
		expect(error?.message).toMatch(/^Authentication failed \(401\): check your API key/);
		const serialized = JSON.stringify(error) + String(error?.message) + String(error?.description);
		expect(serialized).not.toContain(wrongKey);
		expect(serialized).not.toContain(TEST_API_KEY);
	});
});

describe('pagination', () => {
	beforeEach(async () => {
		await createEnterprises(257);
		await sandbox().clearRequests();
	});

	it('returns every record exactly once with Return All, stopping at the short page', async () => {
		const { items } = await runActionNode(
			{ resource: 'enterprise', operation: 'getAll', returnAll: true },
			{ credentials: sandbox().credentials() },
		);
		const ids = items.map((item) => item.json.id);
		expect(ids).toHaveLength(257);
		expect(new Set(ids).size).toBe(257);
		const pages = (await sandbox().requests()).map((r) => r.query);
		expect(pages).toEqual([
			expect.objectContaining({ page: '1', per_page: '100' }),
			expect.objectContaining({ page: '2', per_page: '100' }),
			expect.objectContaining({ page: '3', per_page: '100' }),
		]);
	});

	it('fetches only the pages a limit needs', async () => {
		const { items } = await runActionNode(
			{ resource: 'enterprise', operation: 'getAll', returnAll: false, limit: 150 },
			{ credentials: sandbox().credentials() },
		);
		expect(items).toHaveLength(150);
		expect(items[149].json.name).toBe('Clinic 150');
		expect(await sandbox().requests()).toHaveLength(2);
	});

	it('asks for exactly the limit when it fits one page', async () => {
		const { items } = await runActionNode(
			{ resource: 'enterprise', operation: 'getAll', returnAll: false, limit: 7 },
			{ credentials: sandbox().credentials() },
		);
		expect(items.map((item) => item.json.name)).toEqual(
			Array.from({ length: 7 }, (_, n) => `Clinic ${n + 1}`),
		);
		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toMatchObject({ per_page: '7' });
	});

	it('passes filters and sort to the API', async () => {
		const { items } = await runActionNode(
			{
				resource: 'enterprise',
				operation: 'getAll',
				returnAll: true,
				filters: { name: 'Clinic 25' },
				sort: 'name',
			},
			{ credentials: sandbox().credentials() },
		);
		expect(items.map((item) => item.json.name).sort()).toEqual(
			['Clinic 25', 'Clinic 250', 'Clinic 251', 'Clinic 252', 'Clinic 253', 'Clinic 254', 'Clinic 255', 'Clinic 256', 'Clinic 257'].sort(),
		);
		expect((await sandbox().requests())[0].query).toMatchObject({ 'filter[name]': 'Clinic 25', sort: 'name' });
	});
});

describe('error messages', () => {
	it('says which record was not found (404)', async () => {
		const [out] = await probe([{ method: 'GET', path: '/patients/999' }]);
		expect(out.error).toBe(
			'Not found (404): the patient 999 does not exist or is not visible to this API key',
		);
	});

	it('lists the field errors of a 422', async () => {
		const [out] = await probe([
			{ method: 'POST', path: '/patients', body: { patient: { first_name: 'Ada' } } },
		]);
		expect(out.error).toMatch(/^The API rejected the patient \(422\): /);
		expect(out.error).toMatch(/enterprise_id/);
		expect(out.error).toMatch(/last_name/);
	});

	it('names the item that failed when Continue On Fail is off', async () => {
		await createEnterprises(1);
		const result = await runActionNode(
			{ resource: 'enterprise', operation: 'getAll', returnAll: true },
			{ credentials: sandbox().credentials({ apiKey: 'nope' }), input: [{}, {}] },
		);
		expect(result.error?.message).toMatch(/\[item 0\]$/);
	});
});

describe('rate limits and faults', () => {
	it('recovers from 429s without losing or duplicating a POST', async () => {
		await sandbox().setRateLimit(20, 10);
		const items = Array.from({ length: 60 }, (_, n) => ({
			method: 'POST',
			path: '/enterprises',
			body: { enterprise: { name: `Rate ${n}` } },
		}));
		// The node's own limiter is wide open, so the API's 429s are what slows it down.
		const out = await probe(items);
		expect(out.filter((item) => item.error)).toEqual([]);
		await sandbox().setRateLimit(0, 1);
		const { enterprises } = await sandbox().api<{ enterprises: IDataObject[] }>('GET', '/enterprises?per_page=100');
		const names = enterprises.map((e) => e.name);
		expect(names).toHaveLength(60);
		expect(new Set(names).size).toBe(60);
		const statuses = (await sandbox().requests()).map((r) => r.status);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
	});

	it('stays under the API limit with the credential set a little below it (no 429s)', async () => {
		await sandbox().setRateLimit(50, 10);
		await sandbox().clearRequests();
		const items = Array.from({ length: 40 }, () => ({ method: 'GET', path: '/enterprises' }));
		// A little headroom absorbs network jitter; at exactly the API's limit a few 429s can occur.
		const out = await probe(items, { rateLimitPerSecond: 40, rateLimitBurst: 8 });
		expect(out.filter((item) => item.error)).toEqual([]);
		const statuses = (await sandbox().requests()).map((r) => r.status);
		expect(statuses).toHaveLength(40);
		expect(statuses.every((s) => s === 200)).toBe(true);
	});

	it('retries GETs on 503 until they succeed', async () => {
		await sandbox().setFaults({ rate503: 0.4, seed: 7 });
		await sandbox().clearRequests();
		const out = await probe(Array.from({ length: 8 }, () => ({ method: 'GET', path: '/enterprises' })));
		expect(out.filter((item) => item.error)).toEqual([]);
		const statuses = (await sandbox().requests()).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(8);
		expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
	});

	it('never re-sends a POST after a 500', async () => {
		await sandbox().clearRequests();
		await sandbox().setFaults({ rate500: 1 });
		const [post] = await probe([
			{ method: 'POST', path: '/enterprises', body: { enterprise: { name: 'Once' } } },
		]);
		expect(post.error).toMatch(/server error \(500\)/);
		expect((await sandbox().requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('says a POST whose connection dropped was not retried, in the node\'s own words', async () => {
		await sandbox().clearRequests();
		await sandbox().setFaults({ rateDrop: 1 });
		const [post] = await probe([
			{ method: 'POST', path: '/enterprises', body: { enterprise: { name: 'Dropped' } } },
		]);
		expect(post.error).toMatch(/^Could not reach Inbox Health \((ECONNRESET|NO_RESPONSE)\) on POST \/enterprises$/);
		expect(post.description).toMatch(/never retried automatically/);
		expect((await sandbox().requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
	});
});
