import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

beforeEach(async () => {
	await sandbox().reset({
		enterprises: [{ id: 1, name: 'Sandbox Health' }],
		users: [
			{ id: 1, enterprise_id: 1, first_name: 'Testy', last_name: 'Managerface', email: 'testy@example.com', role: 'practice_manager' },
			{ id: 2, enterprise_id: 1, first_name: 'Front', last_name: 'Desk', email: 'desk@example.com', role: 'front_desk' },
			{ id: 3, enterprise_id: 1, first_name: 'Other', last_name: 'Manager', email: 'other@example.com', role: 'practice_manager' },
		],
	});
	await sandbox().clearRequests();
});

describe('user get many', () => {
	it('filters users by role, as in the Postman request', async () => {
		const { items, error } = await runActionNode(
			{ resource: 'user', operation: 'getAll', returnAll: true, filters: { role: 'practice_manager' }, sort: 'last_name' },
			{ credentials: sandbox().credentials() },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual([3, 1]);
		expect(items.every((item) => item.json.role === 'practice_manager')).toBe(true);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'GET', path: '/partner/v2/users', status: 200 });
		expect(request.query).toMatchObject({ 'filter[role]': 'practice_manager', sort: 'last_name', page: '1' });
	});

	it('returns every user with Return All and only up to the limit otherwise', async () => {
		const all = await runActionNode(
			{ resource: 'user', operation: 'getAll', returnAll: true },
			{ credentials: sandbox().credentials() },
		);
		expect(all.items).toHaveLength(3);
		const limited = await runActionNode(
			{ resource: 'user', operation: 'getAll', returnAll: false, limit: 2 },
			{ credentials: sandbox().credentials() },
		);
		expect(limited.items.map((item) => item.json.id)).toEqual([1, 2]);
	});
});
