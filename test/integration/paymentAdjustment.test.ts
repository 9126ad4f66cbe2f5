import type { IDataObject } from 'n8n-workflow';

import { runActionNode, runWorkflow, actionNode, chain } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

const SEED = {
	enterprises: [{ id: 1, name: 'Sandbox Health' }],
	practices: [{ id: 1, enterprise_id: 1, name: 'Main Office' }],
	patients: [{ id: 1, enterprise_id: 1, first_name: 'Kirby', last_name: 'Jones' }],
};

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'paymentAdjustment', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

async function patientBalance(): Promise<number> {
	const { patient } = await sandbox().api<{ patient: IDataObject }>('GET', '/patients/1');
	return patient.balance_cents as number;
}

/** Through the node: an invoice of 10000 for patient 1, and a payment of 4000 applied to it. */
async function invoiceAndAppliedPayment(): Promise<{ invoiceId: number; paymentId: number }> {
	const result = await runWorkflow(
		chain([
			actionNode(
				{
					resource: 'invoice',
					operation: 'create',
					patientId: rl(1),
					practiceId: rl(1),
					dateOfService: '2024-05-01',
					lineItems: { lineItem: [{ description: 'Visit', total_charge_amount_cents: 10000 }] },
				},
				{ name: 'Create Invoice' },
			),
			actionNode(
				{
					resource: 'payment',
					operation: 'create',
					patientId: rl(1),
					expectedAmountCents: 4000,
					paymentMethodType: 'external_card',
					invoiceId: rl('={{ $json.id }}'),
					applyPayment: true,
				},
				{ name: 'Pay' },
			),
		]),
		{ credentials: sandbox().credentials() },
	);
	expect(result.error).toBeUndefined();
	const invoice = result.output('Create Invoice')[0].json;
	const payment = result.output('Pay')[0].json;
	return { invoiceId: invoice.id as number, paymentId: payment.id as number };
}

beforeEach(async () => {
	await sandbox().reset(SEED);
	await sandbox().clearRequests();
});

describe('balance effects of payments and adjustments', () => {
	it('invoice → payment applied lowers the balance; voiding the payment restores it', async () => {
		const { paymentId } = await invoiceAndAppliedPayment();
		expect(await patientBalance()).toBe(6000);
		await sandbox().clearRequests();

		const { items, error } = await run({
			operation: 'create',
			paymentId: String(paymentId),
			adjustmentType: 'void',
			amountCents: 4000,
		});
		expect(error).toBeUndefined();
		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/partner/v2/payment_adjustments', status: 201 });
		expect(requests[0].body).toEqual({ voided: true, payment_adjustment: { payment_id: paymentId, amount_cents: 4000 } });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ object: 'payment_adjustment', payment_id: paymentId, amount_cents: 4000, voided: true });

		expect(await patientBalance()).toBe(10000);
		const { payment } = await sandbox().api<{ payment: IDataObject }>('GET', `/payments/${paymentId}`);
		expect(payment.status).toBe('voided');
	});

	it('a refund (voided false, as in the Postman body) leaves the balance unchanged', async () => {
		const { paymentId } = await invoiceAndAppliedPayment();
		expect(await patientBalance()).toBe(6000);
		await sandbox().clearRequests();

		const { items } = await run({
			operation: 'create',
			paymentId: String(paymentId),
			adjustmentType: 'refund',
			amountCents: 1000,
		});
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({ voided: false, payment_adjustment: { payment_id: paymentId, amount_cents: 1000 } });
		expect(items[0].json).toMatchObject({ voided: false, amount_cents: 1000 });
		expect(await patientBalance()).toBe(6000);
		const { payment } = await sandbox().api<{ payment: IDataObject }>('GET', `/payments/${paymentId}`);
		expect(payment.refunded_amount_cents).toBe(1000);
	});

	it('reports a void of less than the full amount as the API words it (422)', async () => {
		const { paymentId } = await invoiceAndAppliedPayment();
		const { error } = await run({
			operation: 'create',
			paymentId: String(paymentId),
			adjustmentType: 'void',
			amountCents: 1000,
		});
		expect(error?.message).toMatch(/\(422\): amount_cents must equal the full payment amount \(4000\) to void the payment/);
		expect(await patientBalance()).toBe(6000);
	});

	it.each([[-4000], [40.5]])('refuses an amount of %p naming the field, before any request', async (amount) => {
		const { error } = await run({ operation: 'create', paymentId: '1', adjustmentType: 'void', amountCents: amount });
		expect(error?.message).toContain('"Amount (Cents)" must be a whole number of cents, 0 or more');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('refuses an unknown type given by an expression, before any request', async () => {
		const { error } = await run({ operation: 'create', paymentId: '1', adjustmentType: '={{ "cancel" }}', amountCents: 1 });
		expect(error?.message).toContain('"Type" must be');
		expect(await sandbox().requests()).toEqual([]);
	});
});

describe('payment adjustment get', () => {
	it('gets an adjustment and says when one does not exist', async () => {
		const { paymentId } = await invoiceAndAppliedPayment();
		const { payment_adjustment } = await sandbox().api<{ payment_adjustment: IDataObject }>('POST', '/payment_adjustments', {
			voided: false,
			payment_adjustment: { payment_id: paymentId, amount_cents: 100 },
		});
		await sandbox().clearRequests();
		const { items } = await run({ operation: 'get', paymentAdjustmentId: String(payment_adjustment.id) });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/payment_adjustments/${payment_adjustment.id}` });
		expect(items[0].json).toMatchObject({ id: payment_adjustment.id, amount_cents: 100, voided: false });

		const { error } = await run({ operation: 'get', paymentAdjustmentId: '123' });
		expect(error?.message).toMatch(/^Not found \(404\): the payment adjustment 123 does not exist/);
	});
});
