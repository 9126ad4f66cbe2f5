import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'patient', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

async function post(path: string, rootKey: string, record: IDataObject): Promise<IDataObject> {
	const body = await sandbox().api<IDataObject>('POST', path, { [rootKey]: record });
	return body[rootKey] as IDataObject;
}

let enterpriseId: number;
let practiceId: number;

beforeEach(async () => {
	await sandbox().reset();
	const enterprise = await post('/enterprises', 'enterprise', { name: 'Enterprise' });
	enterpriseId = enterprise.id as number;
	practiceId = (enterprise.practices as IDataObject[])[0].id as number;
	await sandbox().clearRequests();
});

describe('patient create', () => {
	it('sends the main and every additional field under "patient" and outputs the patient', async () => {
		const { items, error } = await run({
			operation: 'create',
			enterpriseId: rl(enterpriseId),
			firstName: 'Luigi',
			lastName: 'Mario',
			dateOfBirth: '1984-12-25',
			sex: 'M',
			email: 'luigi@inboxhealth.com',
			additionalFields: {
				middle_name: 'L',
				phone: '203-555-5555',
				cell_phone: '(203) 555-5555',
				secondary_phone: '(203) 555-5556',
				work_phone: '(203) 555-5557',
				home_phone: '(203) 555-5558',
				address_line_1: '55 Church St',
				address_line_2: 'Floor 7',
				city: 'New Haven',
				state: 'CT',
				zip: '06510',
				ssn: '111-11-4444',
				primary: true,
				removed: false,
				health_record_id: 'MRN-1',
				language: 'es',
				contact_preference: 'email',
				sms_opt_out: true,
				phone_opt_out: false,
				allow_self_directed_payment_plan: true,
				notes: 'Prefers mornings',
				billing_status: 'scheduled',
				practice_id: String(practiceId),
			},
		});
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'POST', path: '/partner/v2/patients', status: 201 });
		expect(request.body).toEqual({
			patient: {
				enterprise_id: enterpriseId,
				first_name: 'Luigi',
				last_name: 'Mario',
				date_of_birth: '1984-12-25',
				sex: 'M',
				email: 'luigi@inboxhealth.com',
				middle_name: 'L',
				phone: '203-555-5555',
				cell_phone: '(203) 555-5555',
				secondary_phone: '(203) 555-5556',
				work_phone: '(203) 555-5557',
				home_phone: '(203) 555-5558',
				address_line_1: '55 Church St',
				address_line_2: 'Floor 7',
				city: 'New Haven',
				state: 'CT',
				zip: '06510',
				ssn: '111-11-4444',
				primary: true,
				removed: false,
				health_record_id: 'MRN-1',
				language: 'es',
				contact_preference: 'email',
				sms_opt_out: true,
				phone_opt_out: false,
				allow_self_directed_payment_plan: true,
				notes: 'Prefers mornings',
				billing_status: 'scheduled',
				practice_id: practiceId,
			},
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: expect.any(Number),
			first_name: 'Luigi',
			enterprise_id: enterpriseId,
			billing_status: 'scheduled',
			balance_cents: 0,
		});
	});

	it('sends neither sex nor email when they are left empty', async () => {
		await run({
			operation: 'create',
			enterpriseId: rl(enterpriseId),
			firstName: 'Kirby',
			lastName: 'Kirbison',
			dateOfBirth: '1990-01-31',
			sex: '',
			email: '',
		});
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({
			patient: { enterprise_id: enterpriseId, first_name: 'Kirby', last_name: 'Kirbison', date_of_birth: '1990-01-31' },
		});
	});

	it('refuses an impossible date of birth, naming the field, before any request', async () => {
		const { error } = await run({
			operation: 'create',
			enterpriseId: rl(enterpriseId),
			firstName: 'A',
			lastName: 'B',
			dateOfBirth: '1984-02-30',
		});
		expect(error?.message).toBe('"Date of Birth" must be a date in the form YYYY-MM-DD (got "1984-02-30") [item 0]');
		const usFormat = await run({
			operation: 'create',
			enterpriseId: rl(enterpriseId),
			firstName: 'A',
			lastName: 'B',
			dateOfBirth: '12/25/1984',
		});
		expect(usFormat.error?.message).toMatch(/^"Date of Birth" must be a date in the form YYYY-MM-DD/);
		expect(await sandbox().requests()).toEqual([]);
	});

	it('surfaces the 422 field error for an enterprise that does not exist', async () => {
		const { error } = await run({
			operation: 'create',
			enterpriseId: rl(987654),
			firstName: 'Nobody',
			lastName: 'Home',
			dateOfBirth: '1970-01-01',
		});
		expect(error?.message).toBe('The API rejected the patient (422): enterprise_id must exist [item 0]');
		expect(error?.description).toBe('Fix the fields named above and run again.');
	});

	it('with Continue On Fail, gives 3 items for 3 inputs, the failed one paired to item 1', async () => {
		const { items, error } = await run(
			{
				operation: 'create',
				enterpriseId: rl('={{ $json.enterprise }}'),
				firstName: '={{ $json.first }}',
				lastName: 'Mario',
				dateOfBirth: '={{ $json.dob }}',
			},
			{
				continueOnFail: true,
				input: [
					{ first: 'Mario', dob: '1981-07-09', enterprise: enterpriseId },
					{ first: 'Luigi', dob: '1983-02-30', enterprise: enterpriseId },
					{ first: 'Peach', dob: '1985-11-11', enterprise: enterpriseId },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ first_name: 'Mario', id: expect.any(Number) });
		expect(items[1].json.error).toBe('"Date of Birth" must be a date in the form YYYY-MM-DD (got "1983-02-30")');
		expect(items[1].json).not.toHaveProperty('id');
		expect(items[2].json).toMatchObject({ first_name: 'Peach', id: expect.any(Number) });
		const posts = (await sandbox().requests()).filter((request) => request.method === 'POST');
		expect(posts.map((request) => (request.body?.patient as IDataObject).first_name)).toEqual(['Mario', 'Peach']);
	});

	it('with Continue On Fail, pairs a 422 from the API to its item too', async () => {
		const { items } = await run(
			{
				operation: 'create',
				enterpriseId: rl('={{ $json.enterprise }}'),
				firstName: '={{ $json.first }}',
				lastName: 'Mario',
				dateOfBirth: '1980-01-01',
			},
			{
				continueOnFail: true,
				input: [
					{ first: 'A', enterprise: enterpriseId },
					{ first: 'B', enterprise: 5555 },
					{ first: 'C', enterprise: enterpriseId },
				],
			},
		);
		expect(items).toHaveLength(3);
		expect(items[1]).toMatchObject({
			json: { error: 'The API rejected the patient (422): enterprise_id must exist', httpCode: '422' },
			pairedItem: { item: 1 },
		});
		expect([items[0].json.first_name, items[2].json.first_name]).toEqual(['A', 'C']);
	});

	it('without Continue On Fail, stops at the failing item and names it', async () => {
		const { error } = await run(
			{
				operation: 'create',
				enterpriseId: rl(enterpriseId),
				firstName: '={{ $json.first }}',
				lastName: 'Mario',
				dateOfBirth: '={{ $json.dob }}',
			},
			{ input: [{ first: 'Mario', dob: '1981-07-09' }, { first: 'Luigi', dob: 'yesterday' }] },
		);
		expect(error?.message).toBe('"Date of Birth" must be a date in the form YYYY-MM-DD (got "yesterday") [item 1]');
	});
});

describe('patient get and get many', () => {
	let patientId: number;

	beforeEach(async () => {
		const patient = await post('/patients', 'patient', {
			enterprise_id: enterpriseId,
			first_name: 'Kirby',
			last_name: 'Kirbison',
			date_of_birth: '1984-12-25',
			email: 'kirby@inboxhealth.com',
			ssn: '111-11-4444',
			health_record_id: 'MRN-77',
		});
		patientId = patient.id as number;
		await post('/patients', 'patient', {
			enterprise_id: enterpriseId,
			first_name: 'Meta',
			last_name: 'Knight',
			email: 'meta@example.com',
			billing_status: 'collections',
		});
		await post('/patients', 'patient', {
			enterprise_id: enterpriseId,
			first_name: 'King',
			last_name: 'Dedede',
			email: 'king@example.com',
			billing_status: 'collections',
		});
		await sandbox().clearRequests();
	});

	it('gets a patient, simplified (no SSN, balance in cents) or whole', async () => {
		const { items } = await run({ operation: 'get', patientId: rl(patientId) });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/patients/${patientId}`, status: 200 });
		expect(items[0].json).toEqual({
			id: patientId,
			first_name: 'Kirby',
			middle_name: null,
			last_name: 'Kirbison',
			date_of_birth: '1984-12-25',
			sex: null,
			email: 'kirby@inboxhealth.com',
			enterprise_id: enterpriseId,
			practice_id: null,
			health_record_id: 'MRN-77',
			balance_cents: 0,
			billing_status: 'billable',
		});
		const raw = await run({ operation: 'get', patientId: rl(patientId), simplify: false });
		expect(raw.items[0].json).toMatchObject({ ssn: '111-11-4444', links: expect.any(Object) });
	});

	it('says clearly that an unknown patient does not exist', async () => {
		const { error } = await run({ operation: 'get', patientId: rl(999999) });
		expect(error?.message).toBe(
			'Not found (404): the patient 999999 does not exist or is not visible to this API key [item 0]',
		);
		expect(error?.description).toBe("Couldn't find Patient with 'id'=999999");
	});

	it('filters on each documented field and sorts', async () => {
		const cases: Array<[IDataObject, string[]]> = [
			[{ first_name: 'kir' }, ['Kirby']],
			[{ last_name: 'knight' }, ['Meta']],
			[{ email: 'example.com' }, ['Meta', 'King']],
			[{ health_record_id: 'MRN-77' }, ['Kirby']],
			[{ billing_status: 'collections' }, ['Meta', 'King']],
		];
		for (const [filters, names] of cases) {
			await sandbox().clearRequests();
			const { items } = await run({ operation: 'getAll', returnAll: true, filters });
			expect(items.map((item) => item.json.first_name)).toEqual(names);
			const [request] = await sandbox().requests();
			const [[field, value]] = Object.entries(filters);
			expect(request.query).toMatchObject({ [`filter[${field}]`]: value });
		}
		const sorted = await run({ operation: 'getAll', returnAll: true, sort: 'last_name' });
		expect(sorted.items.map((item) => item.json.last_name)).toEqual(['Dedede', 'Kirbison', 'Knight']);
		expect(sorted.items[0].json).not.toHaveProperty('ssn');
	});
});

describe('patient update', () => {
	let patientId: number;

	beforeEach(async () => {
		const patient = await post('/patients', 'patient', {
			enterprise_id: enterpriseId,
			first_name: 'Kirby',
			last_name: 'Kirbison',
			city: 'Dreamland',
		});
		patientId = patient.id as number;
		await sandbox().clearRequests();
	});

	it('sets the billing status to excluded as in the Postman example', async () => {
		const { items } = await run({
			operation: 'update',
			patientId: rl(patientId),
			updateFields: { billing_status: 'excluded', precollection: true },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/patients/${patientId}`, status: 200 });
		expect(request.body).toEqual({ id: patientId, patient: { billing_status: 'excluded', precollection: true } });
		expect(items[0].json).toMatchObject({ id: patientId, billing_status: 'excluded', city: 'Dreamland' });
	});

	it('validates dates and emails of the update and refuses an empty update', async () => {
		const badDate = await run({
			operation: 'update',
			patientId: rl(patientId),
			updateFields: { date_of_birth: '1984-1-5' },
		});
		expect(badDate.error?.message).toBe('"Date of Birth" must be a date in the form YYYY-MM-DD (got "1984-1-5") [item 0]');
		const badEmail = await run({ operation: 'update', patientId: rl(patientId), updateFields: { email: 'kirby@' } });
		expect(badEmail.error?.message).toBe('"Email" must be an email address (got "kirby@") [item 0]');
		const nothing = await run({ operation: 'update', patientId: rl(patientId), updateFields: {} });
		expect(nothing.error?.message).toBe('Nothing to update: add at least one field under "Update Fields" [item 0]');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('changes names, date of birth and phones', async () => {
		const { items } = await run({
			operation: 'update',
			patientId: rl(patientId),
			updateFields: { first_name: 'Kirbo', date_of_birth: '1992-04-27', cell_phone: '(203) 555-0000', sex: 'F' },
		});
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({
			id: patientId,
			patient: { first_name: 'Kirbo', date_of_birth: '1992-04-27', cell_phone: '(203) 555-0000', sex: 'F' },
		});
		expect(items[0].json).toMatchObject({ first_name: 'Kirbo', date_of_birth: '1992-04-27', last_name: 'Kirbison' });
	});
});

describe('patient child lists', () => {
	let patientId: number;

	beforeEach(async () => {
		const patient = await post('/patients', 'patient', {
			enterprise_id: enterpriseId,
			first_name: 'Kirby',
			last_name: 'Kirbison',
			email: 'kirby@inboxhealth.com',
		});
		patientId = patient.id as number;
		await post('/invoices', 'invoice', {
			patient_id: patientId,
			practice_id: practiceId,
			date_of_service: '2024-03-03',
			line_items_attributes: [{ total_charge_amount_cents: 10000, covered_amount_cents: 1000 }],
		});
		await post('/payments', 'payment', {
			patient_id: patientId,
			expected_amount_cents: 2500,
			payment_method_type: 'cash',
		});
		await sandbox().clearRequests();
	});

	it('gets the invoices, payments and notifications of a patient', async () => {
		const invoices = await run({ operation: 'getInvoices', patientId: rl(patientId), returnAll: true });
		expect(invoices.items.map((item) => item.json.balance_cents)).toEqual([9000]);
		const payments = await run({ operation: 'getPayments', patientId: rl(patientId), returnAll: true });
		expect(payments.items.map((item) => item.json.expected_amount_cents)).toEqual([2500]);
		const notifications = await run({ operation: 'getNotifications', patientId: rl(patientId), returnAll: true });
		expect(notifications.items.map((item) => item.json.email)).toEqual(['kirby@inboxhealth.com']);
		const paths = (await sandbox().requests()).map((request) => `${request.method} ${request.path}`);
		expect(paths).toEqual([
			`GET /partner/v2/patients/${patientId}/invoices`,
			`GET /partner/v2/patients/${patientId}/payments`,
			`GET /partner/v2/patients/${patientId}/notifications`,
		]);
	});

	it('gets the saved payment methods of a patient', async () => {
		await sandbox().reset({
			enterprises: [{ id: 1, name: 'E' }],
			patients: [{ id: 3, enterprise_id: 1, first_name: 'A', last_name: 'B' }],
			patient_payment_infos: [
				{ id: 1, patient_id: 3, card_brand: 'visa', last_four: '4242', expiration_month: 12, expiration_year: 2030 },
				{ id: 2, patient_id: 4, card_brand: 'amex', last_four: '0005', expiration_month: 1, expiration_year: 2031 },
			],
		});
		const { items } = await run({ operation: 'getPaymentInfos', patientId: rl(3), limit: 10 });
		expect(items.map((item) => [item.json.card_brand, item.json.last_four])).toEqual([['visa', '4242']]);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ path: '/partner/v2/patients/3/patient_payment_infos', query: { page: '1', per_page: '10' } });
	});
});
