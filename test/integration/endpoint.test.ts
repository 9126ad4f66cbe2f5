import type { IDataObject } from 'n8n-workflow';

import { runActionNode } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'endpoint', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

beforeEach(async () => {
	await sandbox().reset({ enterprises: [{ id: 1, name: 'Sandbox Health' }] });
	await sandbox().clearRequests();
});

async function apiEndpoint(url: string, events: string[]): Promise<IDataObject> {
	const { endpoint } = await sandbox().api<{ endpoint: IDataObject }>('POST', '/endpoints', {
		endpoint: { url, registered_webhooks: events },
	});
	await sandbox().clearRequests();
	return endpoint;
}

describe('webhook subscription create', () => {
	it('merges the selected and custom events, sorted, into registered_webhooks, as in the Postman body', async () => {
		const { items, error } = await run({
			operation: 'create',
			url: 'https://inboxhealth.com',
			events: ['attachment_created', 'account_manager_created'],
			customEvents: ' write_off_created, attachment_created ',
		});
		expect(error).toBeUndefined();
		const requests = await sandbox().requests();
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/partner/v2/endpoints', status: 201 });
		expect(requests[0].body).toEqual({
			endpoint: {
				url: 'https://inboxhealth.com',
				registered_webhooks: ['account_manager_created', 'attachment_created', 'write_off_created'],
			},
		});
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				object: 'endpoint',
				url: 'https://inboxhealth.com',
				registered_webhooks: ['account_manager_created', 'attachment_created', 'write_off_created'],
			}),
		]);
	});

	it.each([['ftp://example.com/hook'], ['example.com/hook'], ['https://']])(
		'refuses the URL %p before any request',
		async (url) => {
			const { error } = await run({ operation: 'create', url, events: ['patient_created'] });
			expect(error?.message).toContain('"URL" must be an http or https URL');
			expect(await sandbox().requests()).toEqual([]);
		},
	);

	it('refuses a malformed custom event name, naming it, before any request', async () => {
		const { error } = await run({
			operation: 'create',
			url: 'http://localhost:5678/webhook/abc',
			events: ['patient_created'],
			customEvents: 'invoice_created, Invoice Paid',
		});
		expect(error?.message).toContain('"Custom Event Names": Invalid event name "Invoice Paid"');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('refuses a subscription without events before any request', async () => {
		const { error } = await run({ operation: 'create', url: 'https://example.com', events: [], customEvents: ' , ' });
		expect(error?.message).toContain('Choose at least one event');
		expect(await sandbox().requests()).toEqual([]);
	});
});

describe('webhook subscription get, get many, update, delete', () => {
	it('gets one and lists them', async () => {
		const first = await apiEndpoint('https://a.example.com/hook', ['patient_created']);
		await apiEndpoint('https://b.example.com/hook', ['invoice_updated']);
		const one = await run({ operation: 'get', endpointId: String(first.id) });
		expect(one.items[0].json).toMatchObject({ id: first.id, url: 'https://a.example.com/hook' });
		const many = await run({ operation: 'getAll', returnAll: true, filters: { url: 'b.example' } });
		expect(many.items.map((item) => item.json.url)).toEqual(['https://b.example.com/hook']);
		const requests = await sandbox().requests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /partner/v2/endpoints/${first.id}`,
			'GET /partner/v2/endpoints',
		]);
		expect(requests[1].query).toMatchObject({ 'filter[url]': 'b.example' });
	});

	it('says a missing subscription was not found', async () => {
		const { error } = await run({ operation: 'get', endpointId: '12' });
		expect(error?.message).toMatch(/^Not found \(404\): the endpoint 12 does not exist/);
	});

	it('replaces the events and the URL on update', async () => {
		const endpoint = await apiEndpoint('https://a.example.com/hook', ['patient_created']);
		const { items } = await run({
			operation: 'update',
			endpointId: String(endpoint.id),
			updateFields: { url: 'https://new.example.com/hook', events: ['invoice_updated'], customEvents: 'patient_created' },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/endpoints/${endpoint.id}`, status: 200 });
		expect(request.body).toEqual({
			id: endpoint.id,
			endpoint: { url: 'https://new.example.com/hook', registered_webhooks: ['invoice_updated', 'patient_created'] },
		});
		expect(items[0].json).toMatchObject({ url: 'https://new.example.com/hook' });
	});

	it('changes only the URL when no events are given, and refuses an empty update', async () => {
		const endpoint = await apiEndpoint('https://a.example.com/hook', ['patient_created']);
		await run({ operation: 'update', endpointId: String(endpoint.id), updateFields: { url: 'http://b.example.com' } });
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({ id: endpoint.id, endpoint: { url: 'http://b.example.com' } });
		await sandbox().clearRequests();
		const { error } = await run({ operation: 'update', endpointId: String(endpoint.id), updateFields: {} });
		expect(error?.message).toContain('Nothing to update');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('deletes a subscription and outputs {deleted: true}', async () => {
		const endpoint = await apiEndpoint('https://a.example.com/hook', ['patient_created']);
		const { items } = await run({ operation: 'delete', endpointId: String(endpoint.id) });
		expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'DELETE', path: `/partner/v2/endpoints/${endpoint.id}`, status: 204 });
		const { endpoints } = await sandbox().api<{ endpoints: IDataObject[] }>('GET', '/endpoints');
		expect(endpoints).toEqual([]);
	});
});
