import { startSandbox, type Sandbox } from '../../sandbox/server';
import { BASIC_SEED, Client, fakePatient, type Json } from './helpers';

describe('sandbox balances', () => {
	let sandbox: Sandbox;
	let client: Client;
	let patient: Json;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, rate: 0 });
		client = new Client(sandbox);
	});
	afterAll(() => sandbox.close());
	beforeEach(async () => {
		await client.admin('POST', '/reset', BASIC_SEED);
		patient = await client.create('/patients', 'patient', fakePatient());
	});

	const balanceOf = async (patientId: number = patient.id): Promise<number> => {
		const { body } = await client.get(`/patients/${patientId}`);
		expect(body.patient.cached_balance_cents).toBe(body.patient.balance_cents);
		return body.patient.balance_cents;
	};
	const invoiceFor = (lineItem: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Json> =>
		client.create('/invoices', 'invoice', {
			patient_id: patient.id,
			practice_id: 1,
			date_of_service: '2022-03-03',
			line_items_attributes: [{ description: 'Fake service', ...lineItem }],
			...extra,
		});
	const pay = (amount: number, invoiceId?: number): Promise<Json> =>
		client.create(
			'/payments',
			'payment',
			{ patient_id: patient.id, expected_amount_cents: amount, payment_method_type: 'external_card', apply_payment: invoiceId !== undefined },
			invoiceId === undefined ? {} : { invoice_id: invoiceId },
		);
	const adjust = (paymentId: number, amount: number, voided: boolean) =>
		client.post('/payment_adjustments', { voided, payment_adjustment: { payment_id: paymentId, amount_cents: amount } });

	it('follows the documented scenario: charge, payment, void, refund', async () => {
		const invoice = await invoiceFor({ total_charge_amount_cents: 10000, covered_amount_cents: 1000 });
		expect(invoice).toMatchObject({ balance_cents: 9000, total_charge_amount_cents: 10000, insurance_balance_cents: 0 });
		expect(await balanceOf()).toBe(9000);

		const payment = await pay(3000, invoice.id);
		expect(await balanceOf()).toBe(6000);
		expect((await client.get(`/invoices/${invoice.id}`)).body.invoice.balance_cents).toBe(6000);
		const [invoicePayment] = (await client.get(`/invoices/${invoice.id}/invoice_payments`)).body.invoice_payments;
		expect(invoicePayment).toMatchObject({ payment_id: payment.id, invoice_id: invoice.id, paid_amount_cents: 3000 });

		const voiding = await adjust(payment.id, 3000, true);
		expect(voiding.status).toBe(201);
		expect(voiding.body.payment_adjustment).toMatchObject({ payment_id: payment.id, amount_cents: 3000, voided: true });
		expect(await balanceOf()).toBe(9000);
		expect((await client.get(`/payments/${payment.id}`)).body.payment.status).toBe('voided');

		const second = await pay(2000, invoice.id);
		expect(await balanceOf()).toBe(7000);
		const refund = await adjust(second.id, 2000, false);
		expect(refund.status).toBe(201);
		expect(await balanceOf()).toBe(7000);
		expect((await client.get(`/payments/${second.id}`)).body.payment).toMatchObject({ status: 'completed', refunded_amount_cents: 2000 });
	});

	it('voids only with the full amount, and only once', async () => {
		const invoice = await invoiceFor({ total_charge_amount_cents: 5000 });
		const payment = await pay(3000, invoice.id);
		const partial = await adjust(payment.id, 1000, true);
		expect(partial.status).toBe(422);
		expect(partial.body.errors.amount_cents).toEqual(['must equal the full payment amount (3000) to void the payment']);
		expect((await adjust(payment.id, 3000, true)).status).toBe(201);
		expect((await adjust(payment.id, 3000, true)).body.errors.payment_id).toEqual(['has already been voided']);
	});

	it('subtracts unapplied payments from the patient until they are applied', async () => {
		const invoice = await invoiceFor({ total_charge_amount_cents: 4000 });
		const payment = await pay(1500);
		expect(payment).toMatchObject({ applied_amount_cents: 0, unapplied_amount_cents: 1500 });
		expect(await balanceOf()).toBe(2500);

		const applied = await client.post('/invoice_payments', {
			invoice_payment: { payment_id: payment.id, invoice_id: invoice.id, paid_amount_cents: 1000, payment_reasons_invoice_payments_attributes: [{ payment_reason_id: 1 }] },
		});
		expect(applied.status).toBe(422);
		expect(applied.body.errors).toEqual({ 'payment_reasons_invoice_payments.payment_reason_id': ['must exist'] });

		const invoicePayment = await client.create('/invoice_payments', 'invoice_payment', {
			payment_id: payment.id,
			invoice_id: invoice.id,
			paid_amount_cents: 1000,
		});
		expect(await balanceOf()).toBe(2500);
		expect((await client.get(`/invoices/${invoice.id}`)).body.invoice.balance_cents).toBe(3000);

		const tooMuch = await client.put(`/invoice_payments/${invoicePayment.id}`, { invoice_payment: { paid_amount_cents: 1600 } });
		expect(tooMuch.body.errors).toEqual({ paid_amount_cents: ['exceeds the unapplied amount of the payment (1500)'] });
		await client.put(`/invoice_payments/${invoicePayment.id}`, { invoice_payment: { paid_amount_cents: 1500 } });
		expect((await client.get(`/invoices/${invoice.id}`)).body.invoice.balance_cents).toBe(2500);
		expect(await balanceOf()).toBe(2500);
	});

	it('keeps insurance-owed amounts and estimates out of the patient balance', async () => {
		const insured = await invoiceFor({ total_charge_amount_cents: 8000, covered_amount_cents: 1000, insurance_owed_amount_cents: 5000 });
		expect(insured).toMatchObject({ balance_cents: 2000, insurance_balance_cents: 5000 });
		await invoiceFor({ total_charge_amount_cents: 7000 }, { estimate: true });
		expect(await balanceOf()).toBe(2000);
	});

	it('recomputes when line items are added or changed on their own', async () => {
		const invoice = await invoiceFor({ total_charge_amount_cents: 1000 });
		const item = await client.create('/line_items', 'line_item', { invoice_id: invoice.id, total_charge_amount_cents: 0, covered_amount_cents: 300 });
		expect(item.quantity).toBe(1);
		expect(await balanceOf()).toBe(700);
		await client.put(`/line_items/${item.id}`, { id: item.id, line_item: { covered_amount_cents: 100 } });
		expect(await balanceOf()).toBe(900);
		await client.delete(`/invoices/${invoice.id}`);
		expect(await balanceOf()).toBe(0);
	});

	it('quick pay creates the invoice and applies the payment to it in one call', async () => {
		const { status, body } = await client.post('/payments/quick_pay', {
			invoice: {
				patient_id: patient.id,
				practice_id: 1,
				doctor_id: 1,
				date_of_service: '2022-03-03',
				estimate: false,
				line_items_attributes: [{ service_code: 'X1X1X1', total_charge_amount_cents: 5000, covered_amount_cents: 0, insurance_owed_amount_cents: 3000 }],
			},
			payment: { patient_id: patient.id, expected_amount_cents: 1000, payment_method_type: 'cash' },
		});
		expect(status).toBe(201);
		expect(body.invoice).toMatchObject({ patient_id: patient.id, balance_cents: 1000, insurance_balance_cents: 3000 });
		expect(body.invoice.line_items).toHaveLength(1);
		expect(body.payment).toMatchObject({ expected_amount_cents: 1000, applied_amount_cents: 1000, unapplied_amount_cents: 0 });
		expect(body.invoice_payment).toMatchObject({ invoice_id: body.invoice.id, payment_id: body.payment.id, paid_amount_cents: 1000 });
		expect(await balanceOf()).toBe(1000);
	});

	it('quick pay writes nothing when either record is invalid', async () => {
		const { status, body } = await client.post('/payments/quick_pay', {
			invoice: { patient_id: patient.id, practice_id: 1, date_of_service: '2022-03-03' },
			payment: { expected_amount_cents: 10.5, payment_method_type: 'cash' },
		});
		expect(status).toBe(422);
		expect(body.errors).toEqual({ 'payment.expected_amount_cents': ['must be an integer'] });
		expect((await client.get(`/patients/${patient.id}/invoices`)).body.invoices).toEqual([]);
	});

	it('applies a payment only to an invoice of the same patient', async () => {
		const other = await client.create('/patients', 'patient', fakePatient({ first_name: 'Other' }));
		const invoice = await client.create('/invoices', 'invoice', { patient_id: other.id, practice_id: 1, date_of_service: '2022-03-03' });
		const answer = await client.post('/payments', {
			invoice_id: invoice.id,
			payment: { patient_id: patient.id, expected_amount_cents: 100, payment_method_type: 'cash', apply_payment: true },
		});
		expect(answer.status).toBe(422);
		expect(answer.body.errors).toEqual({ invoice_id: ["must belong to the payment's patient"] });
	});
});
