import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });
const NO_INVOICE = { __rl: true, mode: 'list', value: '' };

const SEED = {
	enterprises: [{ id: 1, name: 'Sandbox Health' }],
	practices: [{ id: 1, enterprise_id: 1, name: 'Main Office' }],
	doctors: [{ id: 1, enterprise_id: 1, practice_ids: [1], last_name: 'Rossi' }],
	patients: [
		{ id: 1, enterprise_id: 1, first_name: 'Kirby', last_name: 'Jones' },
		{ id: 2, enterprise_id: 1, first_name: 'Ada', last_name: 'Smith' },
	],
	invoices: [
		{ id: 1, patient_id: 1, practice_id: 1, date_of_service: '2022-03-03' },
		{ id: 2, patient_id: 2, practice_id: 1, date_of_service: '2022-03-03' },
	],
	line_items: [
		{ id: 1, invoice_id: 1, total_charge_amount_cents: 10000, covered_amount_cents: 1000 },
		{ id: 2, invoice_id: 2, total_charge_amount_cents: 5000 },
	],
};

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'payment', ...parameters },
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

describe('payment create', () => {
	const base = {
		operation: 'create',
		patientId: rl(1),
		expectedAmountCents: 1000,
		paymentMethodType: 'external_card',
	};

	it('applies a payment to an invoice: top-level invoice_id, apply_payment, and the balance decreases', async () => {
		expect(await balances()).toEqual({ invoice: 9000, patient: 9000 });
		await sandbox().clearRequests();
		const { items, error } = await run({
			...base,
			invoiceId: rl(1),
			applyPayment: true,
			additionalFields: { description: 'A patient payment' },
		});
		expect(error).toBeUndefined();
		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/partner/v2/payments', status: 201 });
		expect(requests[0].body).toEqual({
			invoice_id: 1,
			payment: {
				patient_id: 1,
				expected_amount_cents: 1000,
				payment_method_type: 'external_card',
				description: 'A patient payment',
				apply_payment: true,
			},
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			object: 'payment',
			patient_id: 1,
			invoice_id: 1,
			expected_amount_cents: 1000,
			applied_amount_cents: 1000,
			unapplied_amount_cents: 0,
		});
		expect(await balances()).toEqual({ invoice: 8000, patient: 8000 });
	});

	it('records an unapplied payment without invoice_id (apply_payment false)', async () => {
		await run({ ...base, paymentMethodType: 'cash', invoiceId: NO_INVOICE });
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({
			payment: { patient_id: 1, expected_amount_cents: 1000, payment_method_type: 'cash', apply_payment: false },
		});
		const { invoice } = await balances();
		expect(invoice).toBe(9000);
	});

	it('sends a custom payment method type given under "Other"', async () => {
		await run({ ...base, paymentMethodType: 'other', paymentMethodTypeCustom: ' check ' });
		const [request] = await sandbox().requests();
		expect((request.body as IDataObject).payment).toMatchObject({ payment_method_type: 'check' });
	});

	it('refuses "Apply Payment" without an invoice, before any request', async () => {
		const { error } = await run({ ...base, invoiceId: NO_INVOICE, applyPayment: true });
		expect(error?.message).toContain('"Invoice" is required when "Apply Payment" is on');
		expect(await sandbox().requests()).toEqual([]);
	});

	it.each([[-1000], [10.5], ['12abc']])('refuses an amount of %p naming the field, before any request', async (amount) => {
		const { error } = await run({ ...base, expectedAmountCents: amount });
		expect(error?.message).toContain('"Amount (Cents)" must be a whole number of cents, 0 or more');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('refuses an invalid custom method type before any request', async () => {
		const { error } = await run({ ...base, paymentMethodType: 'other', paymentMethodTypeCustom: 'Bank Transfer!' });
		expect(error?.message).toContain('"Custom Payment Method Type" must be a method type');
		expect(await sandbox().requests()).toEqual([]);
	});

	it("reports the API's 422 for an invoice of another patient", async () => {
		const { error } = await run({ ...base, invoiceId: rl(2), applyPayment: true });
		expect(error?.message).toMatch(/^The API rejected the payment \(422\): invoice_id must belong to the payment's patient/);
	});
});

describe('payment get, get many, update', () => {
	let paymentId: number;

	beforeEach(async () => {
		const { payment } = await sandbox().api<{ payment: IDataObject }>('POST', '/payments', {
			payment: { patient_id: 1, expected_amount_cents: 2500, payment_method_type: 'cash', description: 'First' },
		});
		await sandbox().api('POST', '/payments', {
			payment: { patient_id: 2, expected_amount_cents: 700, payment_method_type: 'card' },
		});
		paymentId = payment.id as number;
		await sandbox().clearRequests();
	});

	it('gets a payment', async () => {
		const { items } = await run({ operation: 'get', paymentId: String(paymentId) });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/payments/${paymentId}`, status: 200 });
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: paymentId, expected_amount_cents: 2500, unapplied_amount_cents: 2500 }),
		]);
	});

	it('says a missing payment was not found', async () => {
		const { error } = await run({ operation: 'get', paymentId: '404' });
		expect(error?.message).toMatch(/^Not found \(404\): the payment 404 does not exist/);
	});

	it('lists payments filtered by patient and sorted by amount', async () => {
		await sandbox().api('POST', '/payments', {
			payment: { patient_id: 1, expected_amount_cents: 100, payment_method_type: 'cash' },
		});
		await sandbox().clearRequests();
		const { items } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { patient_id: '1' },
			sort: 'expected_amount_cents',
		});
		expect(items.map((item) => item.json.expected_amount_cents)).toEqual([100, 2500]);
		const [request] = await sandbox().requests();
		expect(request.query).toMatchObject({ 'filter[patient_id]': '1', sort: 'expected_amount_cents' });
	});

	it('updates a payment with the top-level id, as in the Postman body', async () => {
		const { items } = await run({
			operation: 'update',
			paymentId: String(paymentId),
			updateFields: { description: 'An external payment', paymentMethodType: 'external_card' },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/payments/${paymentId}`, status: 200 });
		expect(request.body).toEqual({
			id: paymentId,
			payment: { description: 'An external payment', payment_method_type: 'external_card' },
		});
		expect(items[0].json).toMatchObject({ description: 'An external payment', payment_method_type: 'external_card' });
	});

	it('refuses a fractional amount and an empty update before any request', async () => {
		let { error } = await run({
			operation: 'update',
			paymentId: String(paymentId),
			updateFields: { expected_amount_cents: 1.5 },
		});
		expect(error?.message).toContain('"Amount (Cents)" must be a whole number of cents');
		({ error } = await run({ operation: 'update', paymentId: String(paymentId), updateFields: {} }));
		expect(error?.message).toContain('Nothing to update');
		expect(await sandbox().requests()).toEqual([]);
	});
});

describe('payment quick pay', () => {
	const parameters = {
		operation: 'quickPay',
		patientId: rl(1),
		practiceId: rl(1),
		doctorId: rl(1),
		dateOfService: '2022-03-03',
		lineItems: {
			lineItem: [
				{
					service_code: 'X1X1X1',
					description: 'A quick pay service',
					total_charge_amount_cents: 5000,
					covered_amount_cents: 0,
					insurance_owed_amount_cents: 0,
					tax_amount_cents: 0,
					quantity: 1,
				},
			],
		},
		expectedAmountCents: 1000,
		paymentMethodType: 'cash',
		additionalFields: { paymentDescription: 'A patient payment', estimate: false },
	};

	it('sends the invoice and the payment in one body, as in the Postman body, and outputs all three records', async () => {
		const before = await balances();
		await sandbox().clearRequests();
		const { items, error } = await run(parameters);
		expect(error).toBeUndefined();
		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/partner/v2/payments/quick_pay', status: 201 });
		expect(requests[0].body).toEqual({
			invoice: {
				patient_id: 1,
				practice_id: 1,
				date_of_service: '2022-03-03',
				estimate: false,
				doctor_id: 1,
				line_items_attributes: [
					{
						service_code: 'X1X1X1',
						description: 'A quick pay service',
						date_of_service: '2022-03-03',
						total_charge_amount_cents: 5000,
						covered_amount_cents: 0,
						insurance_owed_amount_cents: 0,
						tax_amount_cents: 0,
						quantity: 1,
					},
				],
			},
			payment: {
				patient_id: 1,
				expected_amount_cents: 1000,
				payment_method_type: 'cash',
				description: 'A patient payment',
			},
		});
		expect(items).toHaveLength(1);
		const output = items[0].json as { invoice: IDataObject; payment: IDataObject; invoice_payment: IDataObject };
		expect(output.invoice).toMatchObject({ patient_id: 1, balance_cents: 4000 });
		expect(output.payment).toMatchObject({ patient_id: 1, expected_amount_cents: 1000 });
		expect(output.invoice_payment).toMatchObject({ paid_amount_cents: 1000 });
		// a new invoice of 5000, paid 1000 at once
		expect((await balances()).patient).toBe(before.patient + 4000);
	});

	it('needs at least one line item and a valid amount, before any request', async () => {
		let { error } = await run({ ...parameters, lineItems: {} });
		expect(error?.message).toContain('Quick Pay needs at least one entry under "Line Items"');
		({ error } = await run({ ...parameters, expectedAmountCents: -1 }));
		expect(error?.message).toContain('"Payment Amount (Cents)" must be a whole number of cents');
		({ error } = await run({
			...parameters,
			lineItems: { lineItem: [{ total_charge_amount_cents: 50.25 }] },
		}));
		expect(error?.message).toContain('"Line Item 1: Total Charge Amount (Cents)" must be a whole number of cents');
		expect(await sandbox().requests()).toEqual([]);
	});

	it("reports the API's 422 naming the invoice's field", async () => {
		const { error } = await run({ ...parameters, practiceId: rl(77) });
		expect(error?.message).toMatch(/\(422\): invoice\.practice_id must exist/);
	});
});
