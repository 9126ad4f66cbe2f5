import { startSandbox, type Sandbox } from '../../sandbox/server';
import { BASIC_SEED, Client, fakePatient } from './helpers';

describe('sandbox fault injection', () => {
	let sandbox: Sandbox;
	let client: Client;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, rate: 0 });
		client = new Client(sandbox);
	});
	afterAll(() => sandbox.close());
	beforeEach(() => client.admin('POST', '/reset', BASIC_SEED));

	const setFaults = async (faults: Record<string, unknown>): Promise<void> => {
		const answer = await client.admin('PUT', '/faults', faults);
		expect(answer.status).toBe(200);
	};
	const patientCount = async (): Promise<number> => (await client.admin('GET', '/state')).body.counts.patients;
	const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
		const started = Date.now();
		const result = await work();
		return [result, Date.now() - started];
	};

	it.each([
		['rate429', 429, 'Rate limit exceeded'],
		['rate503', 503, 'Service Unavailable'],
	])('%s answers %i with Retry-After: 1 before processing', async (fault, status, message) => {
		await setFaults({ [fault]: 1 });
		const answer = await client.post('/patients', { patient: fakePatient() });
		expect(answer.status).toBe(status);
		expect(answer.body).toEqual({ errors: [message] });
		expect(answer.headers.get('retry-after')).toBe('1');
		expect(await patientCount()).toBe(0);
	});

	it('rate500 answers 500 after processing: the POST took effect', async () => {
		await setFaults({ rate500: 1 });
		const answer = await client.post('/patients', { patient: fakePatient() });
		expect(answer.status).toBe(500);
		expect(answer.body).toEqual({ errors: ['Internal Server Error'] });
		expect(await patientCount()).toBe(1);
	});

	it('rateDrop destroys the connection after processing, without an answer', async () => {
		await setFaults({ rateDrop: 1 });
		await expect(client.post('/patients', { patient: fakePatient() })).rejects.toThrow('fetch failed');
		expect(await patientCount()).toBe(1);
		const { body } = await client.admin('GET', '/requests');
		const last = body.requests[body.requests.length - 1];
		expect(last).toMatchObject({ method: 'POST', path: '/partner/v2/patients', status: null, fault: 'rateDrop' });
	});

	it('rateTimeout holds the answer for timeoutMs, then answers 504', async () => {
		await setFaults({ rateTimeout: 1, timeoutMs: 150 });
		const [answer, elapsed] = await timed(() => client.get('/enterprises'));
		expect(answer.status).toBe(504);
		expect(elapsed).toBeGreaterThanOrEqual(140);
	});

	it('delayMs slows every API answer but not the admin API', async () => {
		await setFaults({ delayMs: 120 });
		const [answer, elapsed] = await timed(() => client.get('/enterprises'));
		expect(answer.status).toBe(200);
		expect(elapsed).toBeGreaterThanOrEqual(110);
		const [, adminElapsed] = await timed(() => client.admin('GET', '/state'));
		expect(adminElapsed).toBeLessThan(100);
	});

	it('picks the same faults again for the same seed', async () => {
		const run = async (): Promise<number[]> => {
			await setFaults({ rate503: 0.3, rate500: 0.2, seed: 123 });
			const statuses: number[] = [];
			for (let index = 0; index < 30; index++) statuses.push((await client.get('/enterprises')).status);
			return statuses;
		};
		const first = await run();
		expect(await run()).toEqual(first);
		expect(new Set(first)).toEqual(new Set([200, 500, 503]));
		const { body } = await client.admin('GET', '/stats');
		expect(body.faults.rate503 + body.faults.rate500).toBe(first.filter((status) => status !== 200).length * 2);
	});

	it('leaves the admin API alone and validates the configuration', async () => {
		await setFaults({ rate503: 1 });
		expect((await client.admin('GET', '/state')).status).toBe(200);
		const invalid = await client.admin('PUT', '/faults', { rate500: 0.8, rate503: 0.5, delayMs: -1 });
		expect(invalid.status).toBe(422);
		expect(Object.keys(invalid.body.errors).sort()).toEqual(['base', 'delayMs']);
		expect((await client.admin('GET', '/faults')).body.rate503).toBe(1);
		await client.admin('POST', '/reset');
		expect((await client.admin('GET', '/faults')).body.rate503).toBe(0);
	});
});
