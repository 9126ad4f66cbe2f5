import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'balance', operation: 'assign', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

async function post(path: string, rootKey: string, record: IDataObject): Promise<IDataObject> {
	const body = await sandbox().api<IDataObject>('POST', path, { [rootKey]: record });
	return body[rootKey] as IDataObject;
}

async function balanceOf(patientId: number): Promise<unknown> {
	const body = await sandbox().api<{ patient: IDataObject }>('GET', `/patients/${patientId}`);
	return body.patient.balance_cents;
}

let patientId: number;
let practiceId: number;
let doctorId: number;
let base: IDataObject;

beforeEach(async () => {
	await sandbox().reset();
	const enterprise = await post('/enterprises', 'enterprise', { name: 'Enterprise' });
	practiceId = (enterprise.practices as IDataObject[])[0].id as number;
	const patient = await post('/patients', 'patient', {
		enterprise_id: enterprise.id,
		first_name: 'Kirby',
		last_name: 'Kirbison',
		email: 'kirby@inboxhealth.com',
	});
	patientId = patient.id as number;
	const doctor = await post('/doctors', 'doctor', { enterprise_id: enterprise.id, first_name: 'M', last_name: 'M' });
	doctorId = doctor.id as number;
	base = {
		patientId: rl(patientId),
		practiceId: rl(practiceId),
		dateOfService: '2024-03-03',
		description: 'Office visit',
		serviceCode: '99213',
	};
	await sandbox().clearRequests();
});

describe('balance assign', () => {
	it('creates one invoice whose line item is the amount, reads the patient back and outputs the new balance', async () => {
		const { items, error } = await run({ ...base, amount: 12.34, amountUnit: 'units' });
		expect(error).toBeUndefined();

		const requests = await sandbox().requests();
		expect(requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'POST /partner/v2/invoices 201',
			`GET /partner/v2/patients/${patientId} 200`,
		]);
		expect(requests[0].body).toEqual({
			invoice: {
				patient_id: patientId,
				practice_id: practiceId,
				date_of_service: '2024-03-03',
				estimate: false,
				line_items_attributes: [
					{
						service_code: '99213',
						description: 'Office visit',
						date_of_service: '2024-03-03',
						total_charge_amount_cents: 1234,
						covered_amount_cents: 0,
						insurance_owed_amount_cents: 0,
						quantity: 1,
					},
				],
			},
		});

		expect(items).toHaveLength(1);
		const output = items[0].json;
		expect(output).toMatchObject({
			patient_id: patientId,
			invoice_id: expect.any(Number),
			amount_cents: 1234,
			patient_balance_cents: 1234,
		});
		const invoice = output.invoice as IDataObject;
		expect(invoice).toMatchObject({ id: output.invoice_id, patient_id: patientId, balance_cents: 1234 });
		expect(await balanceOf(patientId)).toBe(1234);
	});

	it('takes the amount in cents when asked, and adds to the balance the patient already has', async () => {
		await run({ ...base, amount: 1000, amountUnit: 'cents' });
		const { items } = await run({ ...base, amount: 1234, amountUnit: 'cents' });
		expect(items[0].json).toMatchObject({ amount_cents: 1234, patient_balance_cents: 2234 });
		const posts = (await sandbox().requests()).filter((request) => request.method === 'POST');
		const charges = posts.map(
			(request) =>
				((request.body?.invoice as IDataObject).line_items_attributes as IDataObject[])[0].total_charge_amount_cents,
		);
		expect(charges).toEqual([1000, 1234]);
	});

	it('defaults to currency units', async () => {
		const { items } = await run({ ...base, amount: 0.1 });
		expect(items[0].json).toMatchObject({ amount_cents: 10, patient_balance_cents: 10 });
	});

	it('sends the doctor, notes, estimate, notification email and additional line items', async () => {
		const { items, error } = await run({
			...base,
			doctorId: rl(doctorId),
			amount: 50,
			amountUnit: 'units',
			lineItems: {
				lineItem: [
					{
						service_code: '80053',
						description: 'Lab panel',
						total_charge_amount_cents: 5000,
						covered_amount_cents: 1000,
						quantity: 2,
					},
				],
			},
			options: { notes: 'Follow-up', email: 'billing@example.com' },
		});
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({
			email: 'billing@example.com',
			invoice: {
				patient_id: patientId,
				practice_id: practiceId,
				doctor_id: doctorId,
				date_of_service: '2024-03-03',
				notes: 'Follow-up',
				estimate: false,
				line_items_attributes: [
					{
						service_code: '99213',
						description: 'Office visit',
						date_of_service: '2024-03-03',
						total_charge_amount_cents: 5000,
						covered_amount_cents: 0,
						insurance_owed_amount_cents: 0,
						quantity: 1,
					},
					{
						service_code: '80053',
						description: 'Lab panel',
						date_of_service: '2024-03-03',
						total_charge_amount_cents: 5000,
						covered_amount_cents: 1000,
						insurance_owed_amount_cents: 0,
						quantity: 2,
					},
				],
			},
		});
		// 50.00 + (50.00 - 10.00)
		expect(items[0].json).toMatchObject({ amount_cents: 5000, patient_balance_cents: 9000 });
		expect((items[0].json.invoice as IDataObject).doctor_id).toBe(doctorId);
	});

	it('leaves the balance alone for an estimate', async () => {
		const { items } = await run({ ...base, amount: 20, options: { estimate: true } });
		expect(items[0].json).toMatchObject({ amount_cents: 2000, patient_balance_cents: 0 });
		const [request] = await sandbox().requests();
		expect((request.body?.invoice as IDataObject).estimate).toBe(true);
	});

	it('refuses negative and sub-cent amounts and bad dates, naming the field, before any request', async () => {
		const cases: Array<[IDataObject, string]> = [
			[{ amount: -5 }, '"Amount" must be a number of 0 or more (got "-5") [item 0]'],
			[{ amount: 12.345 }, '"Amount" has a fraction of a cent (got "12.345") [item 0]'],
			[{ amount: 1234.5, amountUnit: 'cents' }, '"Amount" has a fraction of a cent (got "1234.5") [item 0]'],
			[
				{ amount: 1, dateOfService: '2024-02-30' },
				'"Date of Service" must be a date in the form YYYY-MM-DD (got "2024-02-30") [item 0]',
			],
			[
				{ amount: 1, dateOfService: '03/03/2024' },
				'"Date of Service" must be a date in the form YYYY-MM-DD (got "03/03/2024") [item 0]',
			],
			[
				{
					amount: 1,
					lineItems: { lineItem: [{ total_charge_amount_cents: 100, covered_amount_cents: 200, quantity: 1 }] },
				},
				'"Additional Line Items › Line Item 1 › Covered (in Cents)" (200) must not exceed its total charge (100) [item 0]',
			],
			[
				{
					amount: 1,
					lineItems: { lineItem: [{ total_charge_amount_cents: 10.5, covered_amount_cents: 0, quantity: 1 }] },
				},
				'"Additional Line Items › Line Item 1 › Total Charge (in Cents)" must be a whole number of cents, 0 or more (got "10.5") [item 0]',
			],
			[{ amount: 1, options: { email: 'nope' } }, '"Notification Email" must be an email address (got "nope") [item 0]'],
		];
		for (const [parameters, message] of cases) {
			const { error } = await run({ ...base, ...parameters });
			expect(error?.message).toBe(message);
		}
		expect(await sandbox().requests()).toEqual([]);
		expect(await balanceOf(patientId)).toBe(0);
	});

	it('surfaces the 422 when the patient does not exist', async () => {
		const { error } = await run({ ...base, patientId: rl(4242), amount: 10 });
		expect(error?.message).toBe('The API rejected the invoice (422): patient_id must exist [item 0]');
	});

	it('with Continue On Fail, assigns the good items and pairs the failing one', async () => {
		const { items } = await run(
			{ ...base, amount: '={{ $json.amount }}' },
			{ continueOnFail: true, input: [{ amount: 1 }, { amount: -1 }, { amount: 2.5 }] },
		);
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ amount_cents: 100, patient_balance_cents: 100 });
		expect(items[1].json).toEqual({ error: '"Amount" must be a number of 0 or more (got "-1")' });
		expect(items[2].json).toMatchObject({ amount_cents: 250, patient_balance_cents: 350 });
	});
});
