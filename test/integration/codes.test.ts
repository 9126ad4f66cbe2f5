import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

const SEED = {
	enterprises: [
		{ id: 1, name: 'Sandbox Health' },
		{ id: 2, name: 'Other Health' },
	],
	practices: [{ id: 1, enterprise_id: 1, name: 'Main Office' }],
	patients: [{ id: 1, enterprise_id: 1, first_name: 'Kirby', last_name: 'Jones' }],
	invoices: [{ id: 1, patient_id: 1, practice_id: 1, date_of_service: '2022-03-03' }],
	payment_reasons: [
		{ id: 1, enterprise_id: 1, code: 'PR-1', description: 'Deductible' },
		{ id: 2, enterprise_id: 2, code: 'CO-45', description: 'Contractual obligation' },
	],
	write_off_codes: [
		{ id: 1, enterprise_id: 1, code: '044', description: 'Debt forgiveness' },
		{ id: 2, enterprise_id: 2, code: '099', description: 'Small balance' },
	],
};

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(parameters, { credentials: sandbox().credentials(), ...options });
}

beforeEach(async () => {
	await sandbox().reset(SEED);
	await sandbox().clearRequests();
});

describe('payment reasons', () => {
	it('creates a payment reason as in the Postman body', async () => {
		const { items, error } = await run({
			resource: 'paymentReason',
			operation: 'create',
			enterpriseId: rl(1),
			code: 'CO-3',
			additionalFields: { description: 'Co-payment Amount' },
		});
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'POST', path: '/partner/v2/payment_reasons', status: 201 });
		expect(request.body).toEqual({ payment_reason: { enterprise_id: 1, code: 'CO-3', description: 'Co-payment Amount' } });
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ object: 'payment_reason', code: 'CO-3', enterprise_id: 1 }),
		]);
	});

	it('refuses an empty code before any request and reports an unknown enterprise (422)', async () => {
		let { error } = await run({ resource: 'paymentReason', operation: 'create', enterpriseId: rl(1), code: '  ' });
		expect(error?.message).toContain('"Code" is required');
		expect(await sandbox().requests()).toEqual([]);
		({ error } = await run({ resource: 'paymentReason', operation: 'create', enterpriseId: rl(9), code: 'X' }));
		expect(error?.message).toMatch(/\(422\): enterprise_id must exist/);
	});

	it('gets one, and says when one does not exist', async () => {
		const { items } = await run({ resource: 'paymentReason', operation: 'get', paymentReasonId: '2' });
		expect(items[0].json).toMatchObject({ id: 2, code: 'CO-45' });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: '/partner/v2/payment_reasons/2' });
		const { error } = await run({ resource: 'paymentReason', operation: 'get', paymentReasonId: '2795' });
		expect(error?.message).toMatch(/^Not found \(404\): the payment reason 2795 does not exist/);
	});

	it('lists them filtered by enterprise', async () => {
		const { items } = await run({
			resource: 'paymentReason',
			operation: 'getAll',
			returnAll: true,
			filters: { enterprise_id: '2' },
		});
		expect(items.map((item) => item.json.code)).toEqual(['CO-45']);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: '/partner/v2/payment_reasons' });
		expect(request.query).toMatchObject({ 'filter[enterprise_id]': '2' });
	});

	it('updates the description with the top-level id, as in the Postman body', async () => {
		const { items } = await run({
			resource: 'paymentReason',
			operation: 'update',
			paymentReasonId: '1',
			updateFields: { description: 'Co-payment Amount' },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: '/partner/v2/payment_reasons/1', status: 200 });
		expect(request.body).toEqual({ id: 1, payment_reason: { description: 'Co-payment Amount' } });
		expect(items[0].json).toMatchObject({ id: 1, code: 'PR-1', description: 'Co-payment Amount' });
	});

	it('refuses an empty update before any request', async () => {
		const { error } = await run({ resource: 'paymentReason', operation: 'update', paymentReasonId: '1', updateFields: {} });
		expect(error?.message).toContain('Nothing to update');
		expect(await sandbox().requests()).toEqual([]);
	});
});

describe('write-off codes', () => {
	it('creates a write-off code as in the Postman body', async () => {
		const { items } = await run({
			resource: 'writeOffCode',
			operation: 'create',
			enterpriseId: rl(1),
			code: '045',
			additionalFields: { description: 'Charity care' },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'POST', path: '/partner/v2/write_off_codes', status: 201 });
		expect(request.body).toEqual({ write_off_code: { enterprise_id: 1, code: '045', description: 'Charity care' } });
		expect(items[0].json).toMatchObject({ object: 'write_off_code', code: '045' });
	});

	it('gets one and lists them sorted by code', async () => {
		const one = await run({ resource: 'writeOffCode', operation: 'get', writeOffCodeId: '1' });
		expect(one.items[0].json).toMatchObject({ id: 1, code: '044' });
		const missing = await run({ resource: 'writeOffCode', operation: 'get', writeOffCodeId: '77' });
		expect(missing.error?.message).toMatch(/^Not found \(404\): the write off code 77 does not exist/);
		await sandbox().clearRequests();
		const { items } = await run({ resource: 'writeOffCode', operation: 'getAll', returnAll: false, limit: 5, sort: 'code' });
		expect(items.map((item) => item.json.code)).toEqual(['044', '099']);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: '/partner/v2/write_off_codes' });
		expect(request.query).toMatchObject({ sort: 'code', per_page: '5', page: '1' });
	});
});

describe('write-offs', () => {
	const parameters = {
		resource: 'writeOff',
		operation: 'create',
		patientId: rl(1),
		writeOffCodeId: '1',
		amountCents: 1000,
		date: '2020-01-24',
	};

	it('creates a write-off as in the Postman body', async () => {
		const { items, error } = await run(parameters);
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'POST', path: '/partner/v2/write_offs', status: 201 });
		expect(request.body).toEqual({
			write_off: { patient_id: 1, date: '2020-01-24', write_off_code_id: 1, amount_cents: 1000 },
		});
		expect(items[0].json).toMatchObject({ object: 'write_off', patient_id: 1, amount_cents: 1000, date: '2020-01-24' });
	});

	it('sends the invoice when given', async () => {
		await run({ ...parameters, additionalFields: { invoice_id: '1' } });
		const [request] = await sandbox().requests();
		expect((request.body as IDataObject).write_off).toMatchObject({ invoice_id: 1 });
	});

	it.each([
		[{ amountCents: -1 }, '"Amount (Cents)" must be a whole number of cents'],
		[{ amountCents: 0.5 }, '"Amount (Cents)" must be a whole number of cents'],
		[{ date: '2020-13-01' }, '"Date" must be a date in the form YYYY-MM-DD'],
		[{ writeOffCodeId: '044' + 'x' }, '"Write-Off Code ID" must be a numeric Inbox Health ID'],
	])('refuses %p before any request', async (override, message) => {
		const { error } = await run({ ...parameters, ...override });
		expect(error?.message).toContain(message);
		expect(await sandbox().requests()).toEqual([]);
	});

	it('reports an unknown write-off code (422)', async () => {
		const { error } = await run({ ...parameters, writeOffCodeId: '21' });
		expect(error?.message).toMatch(/\(422\): write_off_code_id must exist/);
	});

	it('gets one and lists them filtered by patient', async () => {
		const { write_off } = await sandbox().api<{ write_off: IDataObject }>('POST', '/write_offs', {
			write_off: { patient_id: 1, write_off_code_id: 1, amount_cents: 250, date: '2020-02-01' },
		});
		await sandbox().clearRequests();
		const one = await run({ resource: 'writeOff', operation: 'get', writeOffId: String(write_off.id) });
		expect(one.items[0].json).toMatchObject({ id: write_off.id, amount_cents: 250 });
		const missing = await run({ resource: 'writeOff', operation: 'get', writeOffId: '404' });
		expect(missing.error?.message).toMatch(/^Not found \(404\): the write off 404 does not exist/);
		const many = await run({ resource: 'writeOff', operation: 'getAll', returnAll: true, filters: { patient_id: '1' } });
		expect(many.items.map((item) => item.json.id)).toEqual([write_off.id]);
		const paths = (await sandbox().requests()).map((request) => `${request.method} ${request.path}`);
		expect(paths).toEqual([
			`GET /partner/v2/write_offs/${write_off.id}`,
			'GET /partner/v2/write_offs/404',
			'GET /partner/v2/write_offs',
		]);
	});
});
