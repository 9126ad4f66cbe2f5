import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { API_KEY, basicAuth, BASIC_SEED, Client, fakePatient, type Json } from './helpers';

describe('sandbox admin API', () => {
	let sandbox: Sandbox;
	let client: Client;

	beforeAll(async () => {
		const seed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'sandbox', 'seed.example.json'), 'utf8'));
		sandbox = await startSandbox({ port: 0, quiet: true, rate: 0, seed });
		client = new Client(sandbox);
	});
	afterAll(() => sandbox.close());

	it('starts with the seed data and exposes the store', async () => {
		const { body } = await client.admin('GET', '/state');
		expect(body.counts).toMatchObject({ enterprises: 1, practices: 2, doctors: 1, payment_reasons: 1, write_off_codes: 1, users: 2, patients: 0 });
		expect(sandbox.store.get('practices', 2)?.name).toBe('Sandbox Pediatrics');
		const managers = (await client.get('/users?filter[role]=practice_manager')).body.users;
		expect(managers.map((user: Json) => user.id)).toEqual([1]);
		expect((await client.get('/practices/1/users')).body.users).toHaveLength(2);
	});

	it('resets to new seed data, restarting ids', async () => {
		await client.create('/patients', 'patient', fakePatient());
		const reset = await client.admin('POST', '/reset', BASIC_SEED);
		expect(reset.status).toBe(200);
		expect(reset.body.counts).toMatchObject({ enterprises: 1, practices: 2, patients: 0, users: 0 });
		expect((await client.create('/patients', 'patient', fakePatient())).id).toBe(1);
		expect((await client.create('/practices', 'practice', { enterprise_id: 1, name: 'Third' })).id).toBe(3);

		const invalid = await client.admin('POST', '/reset', { planets: [] });
		expect(invalid.status).toBe(422);
		expect(invalid.body).toEqual({ errors: { seed: ['unknown resources: planets'] } });
		expect((await client.admin('GET', '/state')).body.counts.patients).toBe(1);

		await client.admin('POST', '/reset');
		expect((await client.admin('GET', '/state')).body.counts.enterprises).toBe(0);
	});

	it('records requests without credentials', async () => {
		await client.admin('POST', '/reset', BASIC_SEED);
		await client.request('POST', '/patients', { patient: fakePatient() }, { authorization: basicAuth(API_KEY), 'x-api-key': '' });
		await client.get('/patients?filter[last_name]=face&page=1');
		const { body } = await client.admin('GET', '/requests');
		expect(body.requests).toEqual([
			expect.objectContaining({ method: 'POST', path: '/partner/v2/patients', query: {}, body: { patient: fakePatient() }, status: 201, auth: 'basic' }),
			expect.objectContaining({ method: 'GET', path: '/partner/v2/patients', query: { 'filter[last_name]': 'face', page: '1' }, body: null, status: 200, auth: 'x-api-key' }),
		]);
		expect(typeof body.requests[0].at).toBe('string');
		expect(JSON.stringify(body)).not.toContain(API_KEY);

		expect((await client.admin('DELETE', '/requests')).status).toBe(204);
		expect((await client.admin('GET', '/requests')).body.requests).toEqual([]);
	});

	it('counts answers by status', async () => {
		await client.admin('POST', '/reset', BASIC_SEED);
		await client.get('/enterprises');
		await client.get('/patients/404');
		await new Client(sandbox, 'wrong-key').get('/enterprises');
		const { body } = await client.admin('GET', '/stats');
		expect(body).toMatchObject({ requests: 3, by_status: { '200': 1, '401': 1, '404': 1 }, responses_429: 0 });
	});

	it('creates many patients at once, without webhooks', async () => {
		await client.admin('POST', '/reset', BASIC_SEED);
		const started = Date.now();
		const { status, body } = await client.admin('POST', '/bulk/patients', { enterprise_id: 1, count: 10000 });
		expect(status).toBe(201);
		expect(body).toEqual({ created: 10000, first_id: 1, last_id: 10000 });
		expect(Date.now() - started).toBeLessThan(5000);
		expect((await client.admin('GET', '/state')).body.events).toBe(0);

		const page = (await client.get('/patients?page=100&per_page=100')).body.patients;
		expect(page.map((patient: Json) => patient.id)).toEqual(Array.from({ length: 100 }, (_, index) => 9901 + index));
		expect((await client.get('/patients?per_page=100&page=101')).body.patients).toEqual([]);

		const invalid = await client.admin('POST', '/bulk/patients', { enterprise_id: 9, count: 0 });
		expect(invalid.status).toBe(422);
		expect(Object.keys(invalid.body.errors).sort()).toEqual(['count', 'enterprise_id']);
	});

	it('answers health checks and 404s unknown admin routes', async () => {
		expect((await client.admin('GET', '/health')).body).toEqual({ ok: true });
		expect((await client.admin('GET', '/nothing-here')).status).toBe(404);
	});
});
