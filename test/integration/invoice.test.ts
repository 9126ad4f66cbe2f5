import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

const SEED = {
	enterprises: [{ id: 1, name: 'Sandbox Health' }],
	practices: [{ id: 1, enterprise_id: 1, name: 'Main Office' }],
	doctors: [{ id: 1, enterprise_id: 1, practice_ids: [1], first_name: 'Mario', last_name: 'Rossi' }],
	patients: [
		{ id: 1, enterprise_id: 1, practice_id: 1, first_name: 'Kirby', last_name: 'Jones', email: 'kirby@example.com' },
		{ id: 2, enterprise_id: 1, practice_id: 1, first_name: 'Ada', last_name: 'Smith' },
	],
};

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'invoice', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

async function apiInvoice(patientId: number, lineItems: IDataObject[] = [], extra: IDataObject = {}) {
	const body = await sandbox().api<{ invoice: IDataObject }>('POST', '/invoices', {
		invoice: {
			patient_id: patientId,
			practice_id: 1,
			date_of_service: '2024-03-01',
			line_items_attributes: lineItems,
			...extra,
		},
	});
	return body.invoice;
}

async function patientBalance(id = 1): Promise<number> {
	const body = await sandbox().api<{ patient: IDataObject }>('GET', `/patients/${id}`);
	return body.patient.balance_cents as number;
}

beforeEach(async () => {
	await sandbox().reset(SEED);
	await sandbox().clearRequests();
});

describe('invoice create', () => {
	const parameters = {
		operation: 'create',
		patientId: rl(1),
		practiceId: rl(1),
		doctorId: rl(1),
		dateOfService: '2022-03-03',
		lineItems: {
			lineItem: [
				{
					service_code: 'A1A1A1',
					description: 'Psilocybin mushroom testing',
					date_of_service: '2022-03-02',
					total_charge_amount_cents: 10000,
					covered_amount_cents: 1000,
					insurance_owed_amount_cents: 0,
					tax_amount_cents: 0,
					quantity: 1,
				},
				{ description: 'Follow-up', total_charge_amount_cents: 2500, quantity: 2 },
			],
		},
		additionalFields: { notes: 'Habitual mushroom addiction', estimate: false, email: 'billing@example.com' },
	};

	it('sends the invoice with line_items_attributes and the top-level email, as in the Postman body', async () => {
		const { items, error } = await run(parameters);
		expect(error).toBeUndefined();

		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request).toMatchObject({ method: 'POST', path: '/partner/v2/invoices', status: 201 });
		expect(request.body).toEqual({
			email: 'billing@example.com',
			invoice: {
				patient_id: 1,
				practice_id: 1,
				doctor_id: 1,
				date_of_service: '2022-03-03',
				notes: 'Habitual mushroom addiction',
				estimate: false,
				line_items_attributes: [
					{
						service_code: 'A1A1A1',
						description: 'Psilocybin mushroom testing',
						date_of_service: '2022-03-02',
						total_charge_amount_cents: 10000,
						covered_amount_cents: 1000,
						insurance_owed_amount_cents: 0,
						tax_amount_cents: 0,
						quantity: 1,
					},
					// n8n fills in the defaults of a line item's fields; no date of service of its own: the invoice's
					{
						description: 'Follow-up',
						date_of_service: '2022-03-03',
						total_charge_amount_cents: 2500,
						covered_amount_cents: 0,
						insurance_owed_amount_cents: 0,
						tax_amount_cents: 0,
						quantity: 2,
					},
				],
			},
		});

		expect(items).toHaveLength(1);
		const invoice = items[0].json;
		expect(invoice).toMatchObject({
			object: 'invoice',
			patient_id: 1,
			practice_id: 1,
			doctor_id: 1,
			date_of_service: '2022-03-03',
			balance_cents: 10000 - 1000 + 2500,
		});
		expect(invoice.line_items).toHaveLength(2);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it("adds the line items' charge minus covered and insurance-owed amounts to the patient's balance", async () => {
		expect(await patientBalance()).toBe(0);
		await run({
			...parameters,
			lineItems: {
				lineItem: [
					{ total_charge_amount_cents: 12000, covered_amount_cents: 2000, insurance_owed_amount_cents: 3000 },
				],
			},
		});
		expect(await patientBalance()).toBe(7000);
	});

	it('sends the email to the notification, and leaves it out when empty', async () => {
		await run({ ...parameters, additionalFields: {} });
		const [request] = await sandbox().requests();
		expect(request.body).not.toHaveProperty('email');
		expect(request.body).not.toHaveProperty('invoice.notes');
	});

	it('cuts the time off a date picked in the UI and leaves an empty doctor out', async () => {
		await run({ ...parameters, doctorId: { __rl: true, mode: 'list', value: '' }, dateOfService: '2022-03-03T00:00:00' });
		const [request] = await sandbox().requests();
		const invoice = (request.body as IDataObject).invoice as IDataObject;
		expect(invoice.date_of_service).toBe('2022-03-03');
		expect(invoice).not.toHaveProperty('doctor_id');
	});

	it.each([
		[-100, 'Line Item 1: Total Charge Amount (Cents)'],
		[99.5, 'Line Item 1: Total Charge Amount (Cents)'],
	])('refuses a charge of %p naming the field, before any request', async (amount, field) => {
		const { error } = await run({
			...parameters,
			lineItems: { lineItem: [{ total_charge_amount_cents: amount }] },
		});
		expect(error?.message).toContain(`"${field}" must be a whole number of cents`);
		expect(await sandbox().requests()).toEqual([]);
	});

	it('refuses a fractional covered amount of the second line item', async () => {
		const { error } = await run({
			...parameters,
			lineItems: {
				lineItem: [{ total_charge_amount_cents: 100 }, { total_charge_amount_cents: 100, covered_amount_cents: 0.5 }],
			},
		});
		expect(error?.message).toContain('"Line Item 2: Covered Amount (Cents)" must be a whole number of cents');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('refuses an invalid date of service and an invalid email before any request', async () => {
		let { error } = await run({ ...parameters, dateOfService: '2022-02-30' });
		expect(error?.message).toContain('"Date of Service" must be a date in the form YYYY-MM-DD');
		({ error } = await run({ ...parameters, additionalFields: { email: 'not-an-email' } }));
		expect(error?.message).toContain('"Notification Email" must be an email address');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('reports a 422 with the fields the API named', async () => {
		const { error } = await run({ ...parameters, practiceId: rl(999) });
		expect(error?.message).toMatch(/^The API rejected the invoice \(422\): practice_id must exist/);
	});
});

describe('invoice get, get many, update, delete', () => {
	it('gets an invoice by ID', async () => {
		const created = await apiInvoice(1, [{ total_charge_amount_cents: 5000 }]);
		await sandbox().clearRequests();
		const { items } = await run({ operation: 'get', invoiceId: rl(created.id as number) });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/invoices/${created.id}` });
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: created.id, balance_cents: 5000, object: 'invoice' }),
		]);
	});

	it('says which invoice was not found (404)', async () => {
		const { error } = await run({ operation: 'get', invoiceId: rl(4040) });
		expect(error?.message).toMatch(/^Not found \(404\): the invoice 4040 does not exist/);
	});

	it('refuses a non-numeric ID before any request', async () => {
		// the UI refuses it in "By ID" mode; an expression can still produce it
		const { error } = await run({ operation: 'get', invoiceId: rl('={{ "12a" }}') });
		expect(error?.message).toContain('"Invoice" must be a numeric Inbox Health ID');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('lists invoices with filters and sort', async () => {
		await apiInvoice(1, [], { date_of_service: '2024-03-05' });
		await apiInvoice(2);
		await apiInvoice(1, [], { date_of_service: '2024-01-01' });
		await sandbox().clearRequests();
		const { items } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { patient_id: '1' },
			sort: 'date_of_service',
		});
		expect(items.map((item) => item.json.date_of_service)).toEqual(['2024-01-01', '2024-03-05']);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: '/partner/v2/invoices' });
		expect(request.query).toMatchObject({ 'filter[patient_id]': '1', sort: 'date_of_service' });
	});

	it('returns only up to the limit', async () => {
		for (let n = 0; n < 3; n++) await apiInvoice(1);
		const { items } = await run({ operation: 'getAll', returnAll: false, limit: 2 });
		expect(items).toHaveLength(2);
	});

	it('updates fields, the top-level email and adds line items', async () => {
		const created = await apiInvoice(1, [{ total_charge_amount_cents: 1000 }]);
		await sandbox().clearRequests();
		const { items } = await run({
			operation: 'update',
			invoiceId: rl(created.id as number),
			updateFields: { notes: 'Updated', doctor_id: '1', date_of_service: '2024-03-02', email: 'kirby@inboxhealth.com' },
			lineItems: { lineItem: [{ description: 'Extra', total_charge_amount_cents: 500 }] },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/invoices/${created.id}`, status: 200 });
		expect(request.body).toEqual({
			id: created.id,
			email: 'kirby@inboxhealth.com',
			invoice: {
				notes: 'Updated',
				doctor_id: 1,
				date_of_service: '2024-03-02',
				line_items_attributes: [
					{
						description: 'Extra',
						date_of_service: '2024-03-02',
						total_charge_amount_cents: 500,
						covered_amount_cents: 0,
						insurance_owed_amount_cents: 0,
						tax_amount_cents: 0,
						quantity: 1,
					},
				],
			},
		});
		expect(items[0].json).toMatchObject({ id: created.id, notes: 'Updated', doctor_id: 1, balance_cents: 1500 });
		expect(await patientBalance()).toBe(1500);
	});

	it('refuses an update with nothing to change', async () => {
		const created = await apiInvoice(1);
		await sandbox().clearRequests();
		const { error } = await run({ operation: 'update', invoiceId: rl(created.id as number), updateFields: {} });
		expect(error?.message).toContain('Nothing to update');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('deletes an invoice, outputs {deleted: true} and the balance drops', async () => {
		const created = await apiInvoice(1, [{ total_charge_amount_cents: 4200 }]);
		expect(await patientBalance()).toBe(4200);
		await sandbox().clearRequests();
		const { items } = await run({ operation: 'delete', invoiceId: rl(created.id as number) });
		expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'DELETE', path: `/partner/v2/invoices/${created.id}`, status: 204 });
		expect(await patientBalance()).toBe(0);
	});
});

describe('invoice child collections', () => {
	it('gets the line items, payments, invoice payments and notifications of an invoice', async () => {
		const invoice = await apiInvoice(1, [{ total_charge_amount_cents: 3000 }, { total_charge_amount_cents: 700 }]);
		const id = invoice.id as number;
		const { payment } = await sandbox().api<{ payment: IDataObject }>('POST', '/payments', {
			invoice_id: id,
			payment: { patient_id: 1, expected_amount_cents: 1000, payment_method_type: 'cash', apply_payment: true },
		});
		await sandbox().clearRequests();

		const lineItems = await run({ operation: 'getLineItems', invoiceId: rl(id), returnAll: true });
		expect(lineItems.items.map((item) => item.json.total_charge_amount_cents)).toEqual([3000, 700]);
		const payments = await run({ operation: 'getPayments', invoiceId: rl(id), returnAll: true });
		expect(payments.items.map((item) => item.json.id)).toEqual([payment.id]);
		const invoicePayments = await run({ operation: 'getInvoicePayments', invoiceId: rl(id), returnAll: true });
		expect(invoicePayments.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ payment_id: payment.id, invoice_id: id, paid_amount_cents: 1000 }),
		]);
		const notifications = await run({ operation: 'getNotifications', invoiceId: rl(id), returnAll: true });
		expect(notifications.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ invoice_id: id, patient_id: 1, object: 'notification' }),
		]);

		const paths = (await sandbox().requests()).map((request) => `${request.method} ${request.path}`);
		expect(paths).toEqual([
			`GET /partner/v2/invoices/${id}/line_items`,
			`GET /partner/v2/invoices/${id}/payments`,
			`GET /partner/v2/invoices/${id}/invoice_payments`,
			`GET /partner/v2/invoices/${id}/notifications`,
		]);
	});

	it('says the invoice of a child list was not found', async () => {
		const { error } = await run({ operation: 'getLineItems', invoiceId: rl(777), returnAll: true });
		expect(error?.message).toMatch(/^Not found \(404\): the invoice 777/);
	});
});

describe('invoice Continue On Fail', () => {
	it('pairs each output with its input item and carries the error of the failing one', async () => {
		const good = await apiInvoice(1);
		const { items } = await run(
			{ operation: 'get', invoiceId: rl('={{ $json.id }}') },
			{ input: [{ id: good.id }, { id: 9999 }, { id: good.id }], continueOnFail: true },
		);
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.id).toBe(good.id);
		expect(String(items[1].json.error)).toMatch(/Not found \(404\)/);
		expect(items[2].json.id).toBe(good.id);
	});
});
