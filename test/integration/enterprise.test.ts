import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: IDataObject, input?: IDataObject[]) {
	return await runActionNode({ resource: 'enterprise', ...parameters }, { credentials: sandbox().credentials(), input });
}

async function createEnterprise(name: string, extra: IDataObject = {}): Promise<IDataObject> {
	const body = await sandbox().api<{ enterprise: IDataObject }>('POST', '/enterprises', {
		enterprise: { name, ...extra },
	});
	return body.enterprise;
}

beforeEach(async () => {
	await sandbox().reset();
});

describe('enterprise create', () => {
	it('sends the enterprise with its fields and practices_attributes, and outputs it with its practices', async () => {
		const { items, error } = await run({
			operation: 'create',
			name: 'Mental Health Medical',
			practices: {
				practice: [
					{
						name: 'Main Office',
						address_line_1: '55 Church St',
						city: 'New Haven',
						state: 'CT',
						zip: '06510',
						phone: '',
						time_zone: 'Central Time (US & Canada)',
					},
					{ name: 'Annex', address_line_1: '', time_zone: '' },
				],
			},
			additionalFields: {
				address_line_1: '55 Church St',
				address_line_2: 'Floor 7',
				city: 'New Haven',
				state: 'CT',
				zip: '06512',
				support_phone_number: '(203) 415-3486',
				sales_tax: 0,
				default_quick_pay_description: 'Copay',
				statement_descriptor: 'MENTAL HEALTH CHARGE',
				time_zone: 'Eastern Time (US & Canada)',
				color_statements: true,
				first_class: true,
				return_envelope: true,
				perforation: false,
				otherFieldsJson: '{"default_checkin_routes": null}',
			},
		});
		expect(error).toBeUndefined();

		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/partner/v2/enterprises', status: 201 });
		expect(requests[0].body).toEqual({
			enterprise: {
				name: 'Mental Health Medical',
				address_line_1: '55 Church St',
				address_line_2: 'Floor 7',
				city: 'New Haven',
				state: 'CT',
				zip: '06512',
				support_phone_number: '(203) 415-3486',
				sales_tax: 0,
				default_quick_pay_description: 'Copay',
				statement_descriptor: 'MENTAL HEALTH CHARGE',
				time_zone: 'Eastern Time (US & Canada)',
				color_statements: true,
				first_class: true,
				return_envelope: true,
				perforation: false,
				default_checkin_routes: null,
				practices_attributes: [
					{
						name: 'Main Office',
						address_line_1: '55 Church St',
						city: 'New Haven',
						state: 'CT',
						zip: '06510',
						time_zone: 'Central Time (US & Canada)',
					},
					// no time zone of its own: the enterprise's
					{ name: 'Annex', time_zone: 'Eastern Time (US & Canada)' },
				],
			},
		});

		expect(items).toHaveLength(1);
		const enterprise = items[0].json;
		expect(enterprise).toMatchObject({ name: 'Mental Health Medical', time_zone: 'Eastern Time (US & Canada)' });
		expect(typeof enterprise.id).toBe('number');
		const practices = enterprise.practices as IDataObject[];
		expect(practices.map((p) => [p.name, p.time_zone, p.enterprise_id])).toEqual([
			['Main Office', 'Central Time (US & Canada)', enterprise.id],
			['Annex', 'Eastern Time (US & Canada)', enterprise.id],
		]);
	});

	it('omits practices_attributes when no practice is given; the API seeds one practice', async () => {
		const { items } = await run({ operation: 'create', name: 'Solo Clinic', additionalFields: { city: 'Hartford' } });
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({ enterprise: { name: 'Solo Clinic', city: 'Hartford' } });
		const practices = items[0].json.practices as IDataObject[];
		expect(practices).toHaveLength(1);
		expect(practices[0]).toMatchObject({ name: 'Solo Clinic', city: 'Hartford', enterprise_id: items[0].json.id });
	});

	it('refuses an empty name and a practice without a name before any request', async () => {
		const noName = await run({ operation: 'create', name: '  ' });
		expect(noName.error?.message).toBe('"Name" is required [item 0]');

		const noPracticeName = await run({
			operation: 'create',
			name: 'Clinic',
			practices: { practice: [{ name: 'A' }, { name: '', city: 'X' }] },
		});
		expect(noPracticeName.error?.message).toBe(
			'"Practices › Practice 2 › Name" is required for a new practice [item 0]',
		);

		const badJson = await run({
			operation: 'create',
			name: 'Clinic',
			additionalFields: { otherFieldsJson: '{not json' },
		});
		expect(badJson.error?.message).toBe('"Other Fields (JSON)" must be a JSON object [item 0]');
		expect(await sandbox().requests()).toEqual([]);
	});
});

describe('enterprise get and get many', () => {
	it('gets one enterprise, simplified by default and whole on request', async () => {
		const created = await createEnterprise('Clinic A', { city: 'Bridgeport', statement_descriptor: 'CLINIC A' });
		await sandbox().clearRequests();

		const simple = await run({ operation: 'get', enterpriseId: rl(created.id as number) });
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: `/partner/v2/enterprises/${String(created.id)}` });
		expect(simple.items).toHaveLength(1);
		expect(simple.items[0].json).toMatchObject({ id: created.id, name: 'Clinic A', city: 'Bridgeport' });
		expect(simple.items[0].json).not.toHaveProperty('statement_descriptor');
		expect(simple.items[0].json).not.toHaveProperty('links');

		const raw = await run({ operation: 'get', enterpriseId: rl(created.id as number), simplify: false });
		expect(raw.items[0].json).toMatchObject({ id: created.id, statement_descriptor: 'CLINIC A', links: expect.any(Object) });
	});

	it('filters by name and sorts', async () => {
		await createEnterprise('Zeta Health');
		await createEnterprise('Alpha Health');
		await createEnterprise('Other Clinic');
		await sandbox().clearRequests();

		const { items } = await run({ operation: 'getAll', returnAll: true, filters: { name: 'health' }, sort: 'name' });
		expect(items.map((item) => item.json.name)).toEqual(['Alpha Health', 'Zeta Health']);
		const [request] = await sandbox().requests();
		expect(request.query).toMatchObject({ 'filter[name]': 'health', sort: 'name' });
	});

	it('says which enterprise was not found', async () => {
		const { error } = await run({ operation: 'get', enterpriseId: rl(999) });
		expect(error?.message).toBe(
			'Not found (404): the enterprise 999 does not exist or is not visible to this API key [item 0]',
		);
	});
});

describe('enterprise update', () => {
	it('sends the changed fields with the top-level id, renames a practice and adds one', async () => {
		const created = await createEnterprise('Old Name');
		const seeded = (
			await sandbox().api<{ practices: IDataObject[] }>('GET', `/enterprises/${String(created.id)}/practices`)
		).practices[0];
		await sandbox().clearRequests();

		const { items, error } = await run({
			operation: 'update',
			enterpriseId: rl(created.id as number),
			updateFields: { name: 'New Name', statement_descriptor: 'NEW', perforation: true },
			practices: {
				practice: [
					{ id: String(seeded.id), name: 'Renamed Practice', city: '', time_zone: '' },
					{ id: '', name: 'Second Practice', city: 'Stamford', time_zone: 'Hawaii' },
				],
			},
		});
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/enterprises/${String(created.id)}`, status: 200 });
		expect(request.body).toEqual({
			id: created.id,
			enterprise: {
				name: 'New Name',
				statement_descriptor: 'NEW',
				perforation: true,
				practices_attributes: [
					{ id: seeded.id, name: 'Renamed Practice' },
					{ name: 'Second Practice', city: 'Stamford', time_zone: 'Hawaii' },
				],
			},
		});
		expect(items[0].json).toMatchObject({ id: created.id, name: 'New Name', perforation: true });
		const practices = await sandbox().api<{ practices: IDataObject[] }>(
			'GET',
			`/enterprises/${String(created.id)}/practices`,
		);
		expect(practices.practices.map((p) => p.name)).toEqual(['Renamed Practice', 'Second Practice']);
	});

	it('refuses an update with nothing to change, before any request', async () => {
		const { error } = await run({ operation: 'update', enterpriseId: rl(1), updateFields: {} });
		expect(error?.message).toBe(
			'Nothing to update: add at least one field under "Update Fields" or a practice under "Practices" [item 0]',
		);
		expect(await sandbox().requests()).toEqual([]);
	});
});

describe('enterprise child lists', () => {
	let enterpriseId: number;

	beforeEach(async () => {
		const enterprise = await createEnterprise('Parent', {
			practices_attributes: [{ name: 'P1' }, { name: 'P2' }, { name: 'P3' }],
		});
		enterpriseId = enterprise.id as number;
		const other = await createEnterprise('Other');
		for (const [first, last, owner] of [
			['Ann', 'Lee', enterpriseId],
			['Bob', 'Ray', enterpriseId],
			['Cy', 'Other', other.id],
		]) {
			await sandbox().api('POST', '/patients', {
				patient: { first_name: first, last_name: last, enterprise_id: owner, ssn: '111-11-1111' },
			});
		}
		await sandbox().api('POST', '/doctors', { doctor: { first_name: 'Mario', last_name: 'Mario', enterprise_id: enterpriseId } });
		await sandbox().clearRequests();
	});

	it('gets the practices of an enterprise, up to a limit', async () => {
		const { items } = await run({ operation: 'getPractices', enterpriseId: rl(enterpriseId), limit: 2 });
		expect(items.map((item) => item.json.name)).toEqual(['P1', 'P2']);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({
			method: 'GET',
			path: `/partner/v2/enterprises/${enterpriseId}/practices`,
			query: { page: '1', per_page: '2' },
		});
	});

	it('gets all patients of an enterprise, simplified', async () => {
		const { items } = await run({ operation: 'getPatients', enterpriseId: rl(enterpriseId), returnAll: true });
		expect(items.map((item) => item.json.first_name)).toEqual(['Ann', 'Bob']);
		expect(items[0].json).toMatchObject({ enterprise_id: enterpriseId, balance_cents: 0 });
		expect(items[0].json).not.toHaveProperty('ssn');
		const [request] = await sandbox().requests();
		expect(request.path).toBe(`/partner/v2/enterprises/${enterpriseId}/patients`);
	});

	it('gets the doctors of an enterprise', async () => {
		const { items } = await run({ operation: 'getDoctors', enterpriseId: rl(enterpriseId), returnAll: true });
		expect(items.map((item) => item.json.last_name)).toEqual(['Mario']);
		const [request] = await sandbox().requests();
		expect(request.path).toBe(`/partner/v2/enterprises/${enterpriseId}/doctors`);
	});
});
