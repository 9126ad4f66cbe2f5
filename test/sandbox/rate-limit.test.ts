import { startSandbox, type Sandbox } from '../../sandbox/server';
import { API_KEY, BASIC_SEED, Client, fakePatient } from './helpers';

describe('sandbox rate limit', () => {
	let sandbox: Sandbox;
	let client: Client;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, rate: 1, burst: 5, apiKeys: [API_KEY, 'other-key'], seed: BASIC_SEED });
		client = new Client(sandbox);
	});
	afterAll(() => sandbox.close());
	beforeEach(async () => {
		await client.admin('POST', '/reset', BASIC_SEED);
		await client.admin('PUT', '/rate-limit', { rate: 1, burst: 5 });
	});

	it('answers 429 with Retry-After once the burst is used up', async () => {
		const statuses: number[] = [];
		for (let index = 0; index < 5; index++) statuses.push((await client.get('/enterprises')).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200]);

		const limited = await client.get('/enterprises');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ errors: ['Rate limit exceeded'] });
		const retryAfter = limited.headers.get('retry-after');
		expect(retryAfter).toMatch(/^\d+$/);
		expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
	});

	it('refills at the configured rate', async () => {
		await client.admin('PUT', '/rate-limit', { rate: 20, burst: 1 });
		expect((await client.get('/enterprises')).status).toBe(200);
		expect((await client.get('/enterprises')).status).toBe(429);
		await new Promise((resolve) => setTimeout(resolve, 120));
		expect((await client.get('/enterprises')).status).toBe(200);
	});

	it('keeps one bucket per key', async () => {
		for (let index = 0; index < 6; index++) await client.get('/enterprises');
		expect((await client.get('/enterprises')).status).toBe(429);
		expect((await new Client(sandbox, 'other-key').get('/enterprises')).status).toBe(200);
	});

	it('rejects before the handler runs: a limited POST creates nothing', async () => {
		for (let index = 0; index < 5; index++) await client.get('/enterprises');
		const limited = await client.post('/patients', { patient: fakePatient() });
		expect(limited.status).toBe(429);
		const state = await client.admin('GET', '/state');
		expect(state.body.counts.patients).toBe(0);
		const stats = await client.admin('GET', '/stats');
		expect(stats.body).toMatchObject({ responses_429: 1, rate_limited: 1 });
	});

	it('leaves the admin API unlimited, and rate 0 disables the limit', async () => {
		for (let index = 0; index < 20; index++) expect((await client.admin('GET', '/state')).status).toBe(200);
		await client.admin('PUT', '/rate-limit', { rate: 0 });
		for (let index = 0; index < 20; index++) expect((await client.get('/enterprises')).status).toBe(200);
		expect((await client.admin('PUT', '/rate-limit', { rate: -1 })).status).toBe(422);
		expect((await client.admin('GET', '/rate-limit')).body).toEqual({ rate: 0, burst: 5 });
	});
});
