import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

const SEED = {
	enterprises: [{ id: 1, name: 'Sandbox Health' }],
	practices: [{ id: 1, enterprise_id: 1, name: 'Main Office' }],
	patients: [{ id: 1, enterprise_id: 1, first_name: 'Kirby', last_name: 'Jones' }],
	invoices: [{ id: 1, patient_id: 1, practice_id: 1, date_of_service: '2022-03-03' }],
};

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'lineItem', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

async function balances(): Promise<{ invoice: number; patient: number }> {
	const { invoice } = await sandbox().api<{ invoice: IDataObject }>('GET', '/invoices/1');
	const { patient } = await sandbox().api<{ patient: IDataObject }>('GET', '/patients/1');
	return { invoice: invoice.balance_cents as number, patient: patient.balance_cents as number };
}

beforeEach(async () => {
	await sandbox().reset(SEED);
	await sandbox().clearRequests();
});

describe('line item create', () => {
	it('sends the line item with every field, as in the Postman body, and the balance follows', async () => {
		const { items, error } = await run({
			operation: 'create',
			invoiceId: rl(1),
			totalChargeAmountCents: 15000,
			additionalFields: {
				service_code: '99213',
				description: 'Office visit',
				date_of_service: '2022-03-03T00:00:00',
				covered_amount_cents: 4000,
				insurance_owed_amount_cents: 6000,
				tax_amount_cents: 125,
				quantity: 2,
			},
		});
		expect(error).toBeUndefined();
		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/partner/v2/line_items', status: 201 });
		expect(requests[0].body).toEqual({
			line_item: {
				invoice_id: 1,
				service_code: '99213',
				description: 'Office visit',
				date_of_service: '2022-03-03',
				total_charge_amount_cents: 15000,
				covered_amount_cents: 4000,
				insurance_owed_amount_cents: 6000,
				tax_amount_cents: 125,
				quantity: 2,
			},
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ object: 'line_item', invoice_id: 1, total_charge_amount_cents: 15000 });
		expect(await balances()).toEqual({ invoice: 5000, patient: 5000 });
	});

	it('creates an adjustment line item with only a covered amount (charge 0)', async () => {
		await run({
			operation: 'create',
			invoiceId: rl(1),
			totalChargeAmountCents: 0,
			additionalFields: { description: 'An adjustment', covered_amount_cents: 1000 },
		});
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({
			line_item: { invoice_id: 1, description: 'An adjustment', total_charge_amount_cents: 0, covered_amount_cents: 1000 },
		});
	});

	it.each([
		[{ totalChargeAmountCents: -1 }, 'Total Charge Amount (Cents)'],
		[{ totalChargeAmountCents: 12.34 }, 'Total Charge Amount (Cents)'],
		[{ additionalFields: { tax_amount_cents: -5 } }, 'Tax Amount (Cents)'],
		[{ additionalFields: { insurance_owed_amount_cents: 0.1 } }, 'Insurance Owed Amount (Cents)'],
	])('refuses %p naming "%s", before any request', async (parameters, field) => {
		const { error } = await run({ operation: 'create', invoiceId: rl(1), totalChargeAmountCents: 100, ...parameters });
		expect(error?.message).toContain(`"${field}" must be a whole number of cents, 0 or more`);
		expect(await sandbox().requests()).toEqual([]);
	});

	it('refuses a quantity of 0 and a bad date before any request', async () => {
		let { error } = await run({ operation: 'create', invoiceId: rl(1), additionalFields: { quantity: 0 } });
		expect(error?.message).toContain('"Quantity" must be a whole number of 1 or more');
		({ error } = await run({ operation: 'create', invoiceId: rl(1), additionalFields: { date_of_service: '03/03/2022' } }));
		expect(error?.message).toContain('"Date of Service" must be a date in the form YYYY-MM-DD');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('reports an unknown invoice (422 from the API)', async () => {
		const { error } = await run({ operation: 'create', invoiceId: rl(99), totalChargeAmountCents: 100 });
		expect(error?.message).toMatch(/\(422\): invoice_id must exist/);
	});
});

describe('line item get and update', () => {
	let lineItemId: number;

	beforeEach(async () => {
		const { line_item } = await sandbox().api<{ line_item: IDataObject }>('POST', '/line_items', {
			line_item: { invoice_id: 1, description: 'Visit', total_charge_amount_cents: 10000, covered_amount_cents: 0 },
		});
		lineItemId = line_item.id as number;
		await sandbox().clearRequests();
	});

	it('gets a line item', async () => {
		const { items } = await run({ operation: 'get', lineItemId: String(lineItemId) });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/line_items/${lineItemId}`, status: 200 });
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: lineItemId, description: 'Visit', object: 'line_item' }),
		]);
	});

	it('says a missing line item was not found', async () => {
		const { error } = await run({ operation: 'get', lineItemId: '31337' });
		expect(error?.message).toMatch(/^Not found \(404\): the line item 31337 does not exist/);
	});

	it('refuses a non-numeric line item ID before any request', async () => {
		const { error } = await run({ operation: 'get', lineItemId: 'abc' });
		expect(error?.message).toContain('"Line Item ID" must be a numeric Inbox Health ID (got "abc")');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('sends only the changed fields with the top-level id, and the balance follows', async () => {
		expect(await balances()).toEqual({ invoice: 10000, patient: 10000 });
		await sandbox().clearRequests();
		const { items } = await run({
			operation: 'update',
			lineItemId: String(lineItemId),
			updateFields: { description: 'An adjustment from insurance', covered_amount_cents: 2500 },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/line_items/${lineItemId}`, status: 200 });
		expect(request.body).toEqual({
			id: lineItemId,
			line_item: { description: 'An adjustment from insurance', covered_amount_cents: 2500 },
		});
		expect(items[0].json).toMatchObject({ id: lineItemId, covered_amount_cents: 2500, total_charge_amount_cents: 10000 });
		expect(await balances()).toEqual({ invoice: 7500, patient: 7500 });
	});

	it('refuses a negative covered amount and an empty update before any request', async () => {
		let { error } = await run({
			operation: 'update',
			lineItemId: String(lineItemId),
			updateFields: { covered_amount_cents: -100 },
		});
		expect(error?.message).toContain('"Covered Amount (Cents)" must be a whole number of cents');
		({ error } = await run({ operation: 'update', lineItemId: String(lineItemId), updateFields: {} }));
		expect(error?.message).toContain('Nothing to update');
		expect(await sandbox().requests()).toEqual([]);
	});
});
