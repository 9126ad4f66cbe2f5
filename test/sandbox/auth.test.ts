import { startSandbox, type Sandbox } from '../../sandbox/server';
import { API_KEY, basicAuth, BASIC_SEED, Client } from './helpers';

describe('sandbox authentication', () => {
	let sandbox: Sandbox;
	let client: Client;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, rate: 0, seed: BASIC_SEED, apiKeys: [API_KEY, 'second-key'] });
		client = new Client(sandbox);
	});
	afterAll(() => sandbox.close());

	const getEnterprises = (headers: Record<string, string>, base = sandbox.baseUrl) =>
		fetch(`${base}/enterprises`, { headers });

	it('accepts the key in x-api-key', async () => {
		const response = await getEnterprises({ 'x-api-key': API_KEY });
		expect(response.status).toBe(200);
		expect((await response.json()).enterprises).toHaveLength(1);
	});

	it('accepts Basic auth with the key as username and an empty or ignored password', async () => {
		expect((await getEnterprises({ authorization: basicAuth(API_KEY) })).status).toBe(200);
		expect((await getEnterprises({ authorization: basicAuth('second-key', 'whatever') })).status).toBe(200);
	});

	it('serves the same API under /api/partner/v2', async () => {
		const response = await getEnterprises({ authorization: basicAuth(API_KEY) }, `${sandbox.url}/api/partner/v2`);
		expect(response.status).toBe(200);
	});

	it.each([
		['no credentials', {}],
		['an unknown x-api-key', { 'x-api-key': 'not-a-key' }],
		['an unknown Basic username', { authorization: basicAuth('not-a-key') }],
		['the key as Basic password', { authorization: basicAuth('', API_KEY) }],
		['a Bearer token', { authorization: `Bearer ${API_KEY}` }],
	])('answers 401 to %s, without echoing the key', async (_case, headers: Record<string, string>) => {
		const response = await getEnterprises(headers);
		const text = await response.text();
		expect(response.status).toBe(401);
		expect(JSON.parse(text)).toEqual({ errors: ['Unauthorized'] });
		expect(text).not.toContain('not-a-key');
		expect(text).not.toContain(API_KEY);
	});

	it('answers 401 before routing, even for unknown paths', async () => {
		const response = await fetch(`${sandbox.baseUrl}/no_such_thing`);
		expect(response.status).toBe(401);
	});

	it('records how a request authenticated, never the credentials', async () => {
		await client.admin('DELETE', '/requests');
		await getEnterprises({ authorization: basicAuth(API_KEY) });
		await getEnterprises({ 'x-api-key': API_KEY });
		await getEnterprises({});
		const { body } = await client.admin('GET', '/requests');
		expect(body.requests.map((entry: { auth: string | null }) => entry.auth)).toEqual(['basic', 'x-api-key', null]);
		expect(JSON.stringify(body)).not.toContain(API_KEY);
	});
});
