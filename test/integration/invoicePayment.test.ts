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
	line_items: [{ id: 1, invoice_id: 1, total_charge_amount_cents: 10000 }],
	payments: [{ id: 1, patient_id: 1, expected_amount_cents: 3000, payment_method_type: 'cash' }],
	payment_reasons: [
		{ id: 1, enterprise_id: 1, code: 'CO-3', description: 'Co-payment Amount' },
		{ id: 2, enterprise_id: 1, code: 'PR-1', description: 'Deductible' },
	],
};

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'invoicePayment', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

async function invoiceBalance(): Promise<number> {
	const { invoice } = await sandbox().api<{ invoice: IDataObject }>('GET', '/invoices/1');
	return invoice.balance_cents as number;
}

beforeEach(async () => {
	await sandbox().reset(SEED);
	await sandbox().clearRequests();
});

describe('invoice payment create', () => {
	it('applies part of a payment with payment reasons, as in the Postman body, and the invoice balance decreases', async () => {
		expect(await invoiceBalance()).toBe(10000);
		await sandbox().clearRequests();
		const { items, error } = await run({
			operation: 'create',
			paymentId: '1',
			invoiceId: rl(1),
			paidAmountCents: 500,
			additionalFields: { paymentReasonIds: '1, 2,1' },
		});
		expect(error).toBeUndefined();
		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/partner/v2/invoice_payments', status: 201 });
		expect(requests[0].body).toEqual({
			invoice_payment: {
				payment_id: 1,
				invoice_id: 1,
				paid_amount_cents: 500,
				payment_reasons_invoice_payments_attributes: [{ payment_reason_id: 1 }, { payment_reason_id: 2 }],
			},
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ object: 'invoice_payment', payment_id: 1, invoice_id: 1, paid_amount_cents: 500 });
		expect(items[0].json.payment_reasons_invoice_payments).toEqual([
			expect.objectContaining({ payment_reason_id: 1 }),
			expect.objectContaining({ payment_reason_id: 2 }),
		]);
		expect(await invoiceBalance()).toBe(9500);
	});

	it('leaves payment reasons out when none are given', async () => {
		await run({ operation: 'create', paymentId: '1', invoiceId: rl(1), paidAmountCents: 3000 });
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({ invoice_payment: { payment_id: 1, invoice_id: 1, paid_amount_cents: 3000 } });
	});

	it.each([[-500], [2.5]])('refuses a paid amount of %p before any request', async (amount) => {
		const { error } = await run({ operation: 'create', paymentId: '1', invoiceId: rl(1), paidAmountCents: amount });
		expect(error?.message).toContain('"Paid Amount (Cents)" must be a whole number of cents, 0 or more');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('refuses a non-numeric payment reason ID before any request', async () => {
		const { error } = await run({
			operation: 'create',
			paymentId: '1',
			invoiceId: rl(1),
			paidAmountCents: 100,
			additionalFields: { paymentReasonIds: '1, CO-3' },
		});
		expect(error?.message).toContain('"Payment Reason IDs" must be a numeric Inbox Health ID (got "CO-3")');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('reports more than the unapplied amount as the API words it (422)', async () => {
		const { error } = await run({ operation: 'create', paymentId: '1', invoiceId: rl(1), paidAmountCents: 3001 });
		expect(error?.message).toMatch(/\(422\): paid_amount_cents exceeds the unapplied amount of the payment \(3000\)/);
	});
});

describe('invoice payment get and update', () => {
	let id: number;

	beforeEach(async () => {
		const { invoice_payment } = await sandbox().api<{ invoice_payment: IDataObject }>('POST', '/invoice_payments', {
			invoice_payment: { payment_id: 1, invoice_id: 1, paid_amount_cents: 500 },
		});
		id = invoice_payment.id as number;
		await sandbox().clearRequests();
	});

	it('gets an invoice payment', async () => {
		const { items } = await run({ operation: 'get', invoicePaymentId: String(id) });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/invoice_payments/${id}`, status: 200 });
		expect(items[0].json).toMatchObject({ id, paid_amount_cents: 500 });
	});

	it('says a missing invoice payment was not found', async () => {
		const { error } = await run({ operation: 'get', invoicePaymentId: '5638149' });
		expect(error?.message).toMatch(/^Not found \(404\): the invoice payment 5638149 does not exist/);
	});

	it('changes the paid amount with the top-level id, as in the Postman body, and the balance follows', async () => {
		const { items } = await run({ operation: 'update', invoicePaymentId: String(id), updateFields: { paid_amount_cents: 700 } });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/invoice_payments/${id}`, status: 200 });
		expect(request.body).toEqual({ id, invoice_payment: { paid_amount_cents: 700 } });
		expect(items[0].json).toMatchObject({ id, paid_amount_cents: 700 });
		expect(await invoiceBalance()).toBe(9300);
	});

	it('adds payment reasons on update', async () => {
		await run({ operation: 'update', invoicePaymentId: String(id), updateFields: { paymentReasonIds: '2' } });
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({
			id,
			invoice_payment: { payment_reasons_invoice_payments_attributes: [{ payment_reason_id: 2 }] },
		});
	});

	it('refuses a negative amount and an empty update before any request', async () => {
		let { error } = await run({
			operation: 'update',
			invoicePaymentId: String(id),
			updateFields: { paid_amount_cents: -1 },
		});
		expect(error?.message).toContain('"Paid Amount (Cents)" must be a whole number of cents');
		({ error } = await run({ operation: 'update', invoicePaymentId: String(id), updateFields: {} }));
		expect(error?.message).toContain('Nothing to update');
		expect(await sandbox().requests()).toEqual([]);
	});
});
