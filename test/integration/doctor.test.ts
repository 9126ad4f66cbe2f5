import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: IDataObject, input?: IDataObject[]) {
	return await runActionNode({ resource: 'doctor', ...parameters }, { credentials: sandbox().credentials(), input });
}

async function post(path: string, rootKey: string, record: IDataObject): Promise<IDataObject> {
	const body = await sandbox().api<IDataObject>('POST', path, { [rootKey]: record });
	return body[rootKey] as IDataObject;
}

let enterpriseId: number;
let practiceIds: number[];

beforeEach(async () => {
	await sandbox().reset();
	const enterprise = await post('/enterprises', 'enterprise', {
		name: 'Enterprise',
		practices_attributes: [{ name: 'North' }, { name: 'South' }],
	});
	enterpriseId = enterprise.id as number;
	practiceIds = (enterprise.practices as IDataObject[]).map((practice) => practice.id as number);
	await sandbox().clearRequests();
});

describe('doctor create', () => {
	it('sends every Postman field and outputs the doctor', async () => {
		const { items, error } = await run({
			operation: 'create',
			enterpriseId: rl(enterpriseId),
			firstName: 'Mario',
			lastName: 'Mario',
			additionalFields: {
				middle_name: 'M',
				phone: '203-555-5555',
				email: 'mario@inboxhealth.com',
				specialty: 'Stomping goombas',
				suffix: 'MD',
				certification: 'Brooklyn Medical School',
				npi: '101010',
				status: 'floating',
				provider_code: 'MARIOBRO',
				practice_ids: `${practiceIds[0]}, ${practiceIds[1]}`,
			},
		});
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'POST', path: '/partner/v2/doctors', status: 201 });
		expect(request.body).toEqual({
			doctor: {
				first_name: 'Mario',
				middle_name: 'M',
				last_name: 'Mario',
				phone: '203-555-5555',
				email: 'mario@inboxhealth.com',
				specialty: 'Stomping goombas',
				suffix: 'MD',
				certification: 'Brooklyn Medical School',
				npi: '101010',
				enterprise_id: enterpriseId,
				status: 'floating',
				provider_code: 'MARIOBRO',
				practice_ids: practiceIds,
			},
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: expect.any(Number),
			first_name: 'Mario',
			npi: '101010',
			practice_ids: practiceIds,
		});
	});

	it('validates the email and the practice IDs before any request', async () => {
		const base = { operation: 'create', enterpriseId: rl(enterpriseId), firstName: 'A', lastName: 'B' };
		const badEmail = await run({ ...base, additionalFields: { email: 'not-an-email' } });
		expect(badEmail.error?.message).toBe('"Email" must be an email address (got "not-an-email") [item 0]');
		const badIds = await run({ ...base, additionalFields: { practice_ids: '12, twelve' } });
		expect(badIds.error?.message).toBe('"Practice IDs" must be a numeric Inbox Health ID (got "twelve") [item 0]');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('surfaces the 422 for a practice that does not exist', async () => {
		const { error } = await run({
			operation: 'create',
			enterpriseId: rl(enterpriseId),
			firstName: 'A',
			lastName: 'B',
			additionalFields: { practice_ids: '9999' },
		});
		expect(error?.message).toBe('The API rejected the doctor (422): practice_ids must exist [item 0]');
	});
});

describe('doctor get, get many, update, delete', () => {
	let doctorId: number;

	beforeEach(async () => {
		const doctor = await post('/doctors', 'doctor', {
			first_name: 'Mario',
			last_name: 'Mario',
			enterprise_id: enterpriseId,
			practice_ids: [practiceIds[1]],
		});
		doctorId = doctor.id as number;
		await post('/doctors', 'doctor', { first_name: 'Luigi', last_name: 'Mario', enterprise_id: enterpriseId });
		await post('/doctors', 'doctor', { first_name: 'Peach', last_name: 'Toadstool', enterprise_id: enterpriseId });
		await sandbox().clearRequests();
	});

	it('gets one doctor', async () => {
		const { items } = await run({ operation: 'get', doctorId: rl(doctorId) });
		expect(items[0].json).toMatchObject({ id: doctorId, first_name: 'Mario' });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/doctors/${doctorId}` });
	});

	it('filters by first and last name', async () => {
		const { items } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { first_name: 'mario', last_name: 'mario' },
		});
		expect(items.map((item) => item.json.id)).toEqual([doctorId]);
		const [request] = await sandbox().requests();
		expect(request.query).toMatchObject({ 'filter[first_name]': 'mario', 'filter[last_name]': 'mario' });

		const byLast = await run({ operation: 'getAll', returnAll: true, filters: { last_name: 'mario' }, sort: 'first_name' });
		expect(byLast.items.map((item) => item.json.first_name)).toEqual(['Luigi', 'Mario']);
	});

	it('updates only the given fields, with the top-level id', async () => {
		const { items } = await run({
			operation: 'update',
			doctorId: rl(doctorId),
			updateFields: { specialty: 'Plumbing', soft_delete: true, practice_ids: String(practiceIds[0]) },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/doctors/${doctorId}`, status: 200 });
		expect(request.body).toEqual({
			id: doctorId,
			doctor: { specialty: 'Plumbing', soft_delete: true, practice_ids: [practiceIds[0]] },
		});
		expect(items[0].json).toMatchObject({ id: doctorId, specialty: 'Plumbing', practice_ids: [practiceIds[0]] });
	});

	it('deletes a doctor', async () => {
		const { items } = await run({ operation: 'delete', doctorId: rl(doctorId) });
		expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'DELETE', path: `/partner/v2/doctors/${doctorId}`, status: 204 });
	});

	it('gets the practices, invoices and shifts of a doctor', async () => {
		const patient = await post('/patients', 'patient', { first_name: 'P', last_name: 'Q', enterprise_id: enterpriseId });
		await post('/invoices', 'invoice', {
			patient_id: patient.id,
			practice_id: practiceIds[1],
			doctor_id: doctorId,
			date_of_service: '2024-05-06',
		});
		await post('/invoices', 'invoice', { patient_id: patient.id, practice_id: practiceIds[1], date_of_service: '2024-05-07' });
		await sandbox().clearRequests();

		const practices = await run({ operation: 'getPractices', doctorId: rl(doctorId), returnAll: true });
		expect(practices.items.map((item) => item.json.name)).toEqual(['South']);
		const invoices = await run({ operation: 'getInvoices', doctorId: rl(doctorId), limit: 5 });
		expect(invoices.items.map((item) => item.json.date_of_service)).toEqual(['2024-05-06']);
		const shifts = await run({ operation: 'getShifts', doctorId: rl(doctorId), returnAll: true });
		expect(shifts.error).toBeUndefined();
		expect(shifts.items).toEqual([]);

		const paths = (await sandbox().requests()).map((request) => `${request.method} ${request.path}`);
		expect(paths).toEqual([
			`GET /partner/v2/doctors/${doctorId}/practices`,
			`GET /partner/v2/doctors/${doctorId}/invoices`,
			`GET /partner/v2/doctors/${doctorId}/shifts`,
		]);
	});

	it('gets seeded shifts of a doctor', async () => {
		await sandbox().reset({
			enterprises: [{ id: 1, name: 'E' }],
			practices: [{ id: 1, name: 'P', enterprise_id: 1 }],
			doctors: [{ id: 7, first_name: 'D', last_name: 'R', enterprise_id: 1, practice_ids: [1] }],
			shifts: [
				{ id: 1, doctor_id: 7, practice_id: 1, starts_at: '2024-05-06T08:00:00Z', ends_at: '2024-05-06T16:00:00Z' },
				{ id: 2, doctor_id: 8, practice_id: 1, starts_at: '2024-05-06T08:00:00Z', ends_at: '2024-05-06T16:00:00Z' },
			],
		});
		const { items } = await run({ operation: 'getShifts', doctorId: rl(7), returnAll: true });
		expect(items.map((item) => [item.json.id, item.json.practice_id])).toEqual([[1, 1]]);
	});
});
