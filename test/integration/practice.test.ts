import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: IDataObject, input?: IDataObject[]) {
	return await runActionNode({ resource: 'practice', ...parameters }, { credentials: sandbox().credentials(), input });
}

async function post(path: string, rootKey: string, record: IDataObject): Promise<IDataObject> {
	const body = await sandbox().api<IDataObject>('POST', path, { [rootKey]: record });
	return body[rootKey] as IDataObject;
}

let enterpriseId: number;

beforeEach(async () => {
	await sandbox().reset();
	const enterprise = await post('/enterprises', 'enterprise', {
		name: 'Enterprise',
		practices_attributes: [{ name: 'Seed Practice' }],
	});
	enterpriseId = enterprise.id as number;
	await sandbox().clearRequests();
});

describe('practice create', () => {
	it('sends the practice with its enterprise and outputs it', async () => {
		const { items, error } = await run({
			operation: 'create',
			enterpriseId: rl(enterpriseId),
			name: 'Squidward Tentacles Doctors Office',
			additionalFields: {
				address_line_1: '277 Fairfield ave.',
				address_line_2: '2nd floor',
				city: 'Bridgeport',
				state: 'CT',
				zip: '06604',
				time_zone: 'Eastern Time (US & Canada)',
				phone: '',
			},
		});
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'POST', path: '/partner/v2/practices', status: 201 });
		expect(request.body).toEqual({
			practice: {
				name: 'Squidward Tentacles Doctors Office',
				enterprise_id: enterpriseId,
				address_line_1: '277 Fairfield ave.',
				address_line_2: '2nd floor',
				city: 'Bridgeport',
				state: 'CT',
				zip: '06604',
				time_zone: 'Eastern Time (US & Canada)',
			},
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: expect.any(Number),
			enterprise_id: enterpriseId,
			name: 'Squidward Tentacles Doctors Office',
			zip: '06604',
		});
	});

	it('surfaces the field errors of a 422 (an enterprise that does not exist)', async () => {
		const { error } = await run({ operation: 'create', enterpriseId: rl(424242), name: 'Orphan' });
		expect(error?.message).toBe('The API rejected the practice (422): enterprise_id must exist [item 0]');
	});

	it('validates the enterprise ID and the name before any request', async () => {
		// Expressions: n8n itself refuses to start with a static non-numeric ID or an empty required field.
		const badId = await run({ operation: 'create', enterpriseId: rl('={{ "abc" }}'), name: 'X' });
		expect(badId.error?.message).toBe('"Enterprise" must be a numeric Inbox Health ID (got "abc") [item 0]');
		const noName = await run({ operation: 'create', enterpriseId: rl(enterpriseId), name: '={{ "" }}' });
		expect(noName.error?.message).toBe('"Name" is required [item 0]');
		expect(await sandbox().requests()).toEqual([]);
	});
});

describe('practice get, get many, update, delete', () => {
	it('gets one practice', async () => {
		const practice = await post('/practices', 'practice', { name: 'Downtown', enterprise_id: enterpriseId });
		await sandbox().clearRequests();
		const { items } = await run({ operation: 'get', practiceId: rl(practice.id as number) });
		expect(items[0].json).toMatchObject({ id: practice.id, name: 'Downtown', enterprise_id: enterpriseId });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/practices/${String(practice.id)}` });
	});

	it('filters by name and sorts by name', async () => {
		await post('/practices', 'practice', { name: 'Mental Health West', enterprise_id: enterpriseId });
		await post('/practices', 'practice', { name: 'Mental Health East', enterprise_id: enterpriseId });
		await post('/practices', 'practice', { name: 'Dental', enterprise_id: enterpriseId });
		await sandbox().clearRequests();
		const { items } = await run({ operation: 'getAll', limit: 10, filters: { name: 'mental' }, sort: 'name' });
		expect(items.map((item) => item.json.name)).toEqual(['Mental Health East', 'Mental Health West']);
		const [request] = await sandbox().requests();
		expect(request.query).toEqual({ 'filter[name]': 'mental', sort: 'name', page: '1', per_page: '10' });
	});

	it('updates only the given fields, with the top-level id', async () => {
		const practice = await post('/practices', 'practice', { name: 'Old', enterprise_id: enterpriseId, city: 'Keep' });
		await sandbox().clearRequests();
		const { items } = await run({
			operation: 'update',
			practiceId: rl(practice.id as number),
			updateFields: {
				name: 'New',
				time_zone: 'Pacific Time (US & Canada)',
				otherFieldsJson: '{"monday_open": "T11:58:28.345Z"}',
			},
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/practices/${String(practice.id)}`, status: 200 });
		expect(request.body).toEqual({
			id: practice.id,
			practice: { name: 'New', time_zone: 'Pacific Time (US & Canada)', monday_open: 'T11:58:28.345Z' },
		});
		expect(items[0].json).toMatchObject({ id: practice.id, name: 'New', city: 'Keep' });
	});

	it('deletes a practice and outputs { deleted: true }', async () => {
		const practice = await post('/practices', 'practice', { name: 'Gone', enterprise_id: enterpriseId });
		await sandbox().clearRequests();
		const { items } = await run({ operation: 'delete', practiceId: rl(practice.id as number) });
		expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'DELETE', path: `/partner/v2/practices/${String(practice.id)}`, status: 204 });
		await expect(sandbox().api('GET', `/practices/${String(practice.id)}`)).rejects.toThrow(/404/);
	});
});

describe('practice child lists', () => {
	let practiceId: number;

	beforeEach(async () => {
		const practice = await post('/practices', 'practice', { name: 'Busy', enterprise_id: enterpriseId });
		practiceId = practice.id as number;
		const patient = await post('/patients', 'patient', {
			first_name: 'Kirby',
			last_name: 'Kirbison',
			enterprise_id: enterpriseId,
		});
		for (const date of ['2024-01-02', '2024-02-03']) {
			await post('/invoices', 'invoice', {
				patient_id: patient.id,
				practice_id: practiceId,
				date_of_service: date,
				line_items_attributes: [{ total_charge_amount_cents: 1000 }],
			});
		}
		await post('/doctors', 'doctor', {
			first_name: 'Mario',
			last_name: 'Mario',
			enterprise_id: enterpriseId,
			practice_ids: [practiceId],
		});
		await post('/doctors', 'doctor', { first_name: 'Not', last_name: 'Here', enterprise_id: enterpriseId });
		await sandbox().clearRequests();
	});

	it('gets the invoices of a practice', async () => {
		const { items } = await run({ operation: 'getInvoices', practiceId: rl(practiceId), returnAll: true });
		expect(items.map((item) => [item.json.date_of_service, item.json.balance_cents])).toEqual([
			['2024-01-02', 1000],
			['2024-02-03', 1000],
		]);
		const [request] = await sandbox().requests();
		expect(request.path).toBe(`/partner/v2/practices/${practiceId}/invoices`);
	});

	it('gets the doctors of a practice', async () => {
		const { items } = await run({ operation: 'getDoctors', practiceId: rl(practiceId), returnAll: true });
		expect(items.map((item) => item.json.last_name)).toEqual(['Mario']);
		const [request] = await sandbox().requests();
		expect(request.path).toBe(`/partner/v2/practices/${practiceId}/doctors`);
	});

	it('gets the users and the practice users of a practice', async () => {
		// Users cannot be created through the API: seed them.
		await sandbox().reset({
			enterprises: [{ id: 1, name: 'E' }],
			practices: [
				{ id: 1, name: 'P1', enterprise_id: 1 },
				{ id: 2, name: 'P2', enterprise_id: 1 },
			],
			users: [
				{ id: 1, first_name: 'Ada', last_name: 'Manager', role: 'practice_manager', practice_ids: [1] },
				{ id: 2, first_name: 'Bea', last_name: 'Elsewhere', role: 'biller', practice_ids: [2] },
			],
			practice_users: [
				{ id: 1, practice_id: 1, user_id: 1, role: 'practice_manager' },
				{ id: 2, practice_id: 2, user_id: 2, role: 'biller' },
			],
		});
		const users = await run({ operation: 'getUsers', practiceId: rl(1), returnAll: true });
		const practiceUsers = await run({ operation: 'getPracticeUsers', practiceId: rl(1), returnAll: true });
		expect(users.items.map((item) => item.json.first_name)).toEqual(['Ada']);
		expect(practiceUsers.items.map((item) => [item.json.user_id, item.json.role])).toEqual([[1, 'practice_manager']]);
		const paths = (await sandbox().requests()).map((request) => `${request.method} ${request.path} ${request.status}`);
		expect(paths).toEqual(['GET /partner/v2/practices/1/users 200', 'GET /partner/v2/practices/1/practice_users 200']);
	});

	it('refuses to delete a practice that has invoices, with the API message', async () => {
		const { error } = await run({ operation: 'delete', practiceId: rl(practiceId) });
		expect(error?.message).toBe(
			`The API rejected the practice ${practiceId} (422): Cannot delete record because dependent invoices exist [item 0]`,
		);
	});
});
