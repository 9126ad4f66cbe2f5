/**
 * The Inbox Health Trigger against the sandbox over real HTTP: webhookMethods run in n8n-core's
 * HookContext, deliveries arrive from the sandbox at a local HTTP server and go through
 * n8n-core's WebhookContext into the node's webhook() (see ../support/trigger.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { sign as sandboxSign } from '../../sandbox/signature';
import { TEST_API_KEY, useSandbox } from '../support/sandbox';
import type { ReceivedRequest } from '../support/trigger';
import { TriggerHarness } from '../support/trigger';

// No retries of failed deliveries, so every delivery is one request here.
const sandbox = useSandbox({ deliveryRetries: 0 });

const SEED = {
	enterprises: [{ id: 1, name: 'Sandbox Health' }],
	practices: [{ id: 1, enterprise_id: 1, name: 'Main Office' }],
};

interface Endpoint extends IDataObject {
	id: number;
	url: string;
	registered_webhooks: string[];
}

let harness: TriggerHarness;
let credentialOverrides: IDataObject = {};

async function endpoints(): Promise<Endpoint[]> {
	return (await sandbox().api<{ endpoints: Endpoint[] }>('GET', '/endpoints?per_page=100')).endpoints;
}

async function apiCalls(): Promise<string[]> {
	return (await sandbox().requests()).map((request) => `${request.method} ${request.path}`);
}

async function createPatient(firstName = 'Ada'): Promise<IDataObject> {
	const body = await sandbox().api<{ patient: IDataObject }>('POST', '/patients', {
		patient: { enterprise_id: 1, practice_id: 1, first_name: firstName, last_name: 'Lovelace' },
	});
	return body.patient;
}

async function storedEvents(): Promise<IDataObject[]> {
	return (await sandbox().admin<{ events: IDataObject[] }>('GET', '/events')).events;
}

function signatureOf(request: ReceivedRequest): string {
	return String(request.headers['x-inboxhealth-signature']);
}

beforeEach(async () => {
	await sandbox().reset(SEED);
	await sandbox().clearRequests();
	credentialOverrides = {};
	harness = await TriggerHarness.start({
		credentials: () => sandbox().credentials(credentialOverrides),
		parameters: { events: ['patient_created'] },
	});
});

afterEach(async () => {
	await harness.close();
});

describe('subscription lifecycle', () => {
	it('activation creates exactly one endpoint for the node URL with the selected events', async () => {
		harness.setParameters({
			events: ['patient_created', 'invoice_updated'],
			customEvents: ' statement_created, patient_created ',
		});

		expect(await harness.activate()).toBe(false);

		const requests = await sandbox().requests();
		const list = await endpoints();
		expect(list).toHaveLength(1);
		expect(list[0].url).toBe(harness.productionUrl);
		expect(list[0].url).toMatch(/\/webhook\/7d4c0f52-[^/]+\/webhook$/);
		expect(list[0].registered_webhooks).toEqual(['invoice_updated', 'patient_created', 'statement_created']);

		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /partner/v2/endpoints',
			'POST /partner/v2/endpoints',
		]);
		expect(requests[1].body).toEqual({
			endpoint: {
				url: harness.productionUrl,
				registered_webhooks: ['invoice_updated', 'patient_created', 'statement_created'],
			},
		});
		expect(harness.nodeStaticData()).toMatchObject({ endpointId: list[0].id, webhookUrl: harness.productionUrl });
	});

	it('activating again finds the stored endpoint and changes nothing', async () => {
		await harness.activate();
		const [endpoint] = await endpoints();
		await sandbox().clearRequests();

		expect(await harness.activate()).toBe(true);

		expect(await apiCalls()).toEqual([`GET /partner/v2/endpoints/${endpoint.id}`]);
		expect(await endpoints()).toEqual([endpoint]);
	});

	it('a changed event list updates the same endpoint instead of adding one', async () => {
		await harness.activate();
		const [before] = await endpoints();
		await sandbox().clearRequests();

		harness.setParameters({ events: ['invoice_payment_created', 'line_item_created'] });
		expect(await harness.activate()).toBe(true);

		const requests = await sandbox().requests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /partner/v2/endpoints/${before.id}`,
			`PUT /partner/v2/endpoints/${before.id}`,
		]);
		expect(requests[1].body).toEqual({
			endpoint: {
				url: harness.productionUrl,
				registered_webhooks: ['invoice_payment_created', 'line_item_created'],
			},
		});
		const after = await endpoints();
		expect(after).toHaveLength(1);
		expect(after[0].id).toBe(before.id);
		expect(after[0].registered_webhooks).toEqual(['invoice_payment_created', 'line_item_created']);
	});

	it('deactivation deletes the endpoint and forgets it', async () => {
		await harness.activate();
		const [endpoint] = await endpoints();
		await sandbox().clearRequests();

		expect(await harness.deactivate()).toBe(true);

		expect(await apiCalls()).toEqual([`DELETE /partner/v2/endpoints/${endpoint.id}`]);
		expect(await endpoints()).toEqual([]);
		expect(harness.nodeStaticData().endpointId).toBeUndefined();
		expect(harness.nodeStaticData().webhookUrl).toBeUndefined();
	});

	it('an endpoint deleted in Inbox Health is created again on the next activation', async () => {
		await harness.activate();
		const [old] = await endpoints();
		await sandbox().api('DELETE', `/endpoints/${old.id}`);
		await sandbox().clearRequests();

		expect(await harness.activate()).toBe(false);

		expect(await apiCalls()).toEqual([
			`GET /partner/v2/endpoints/${old.id}`,
			'GET /partner/v2/endpoints',
			'POST /partner/v2/endpoints',
		]);
		const list = await endpoints();
		expect(list).toHaveLength(1);
		expect(list[0].id).not.toBe(old.id);
		expect(list[0].url).toBe(harness.productionUrl);
		expect(harness.nodeStaticData().endpointId).toBe(list[0].id);
	});

	it('without static data, adopts (and updates) the endpoint registered with the node URL', async () => {
		const existing = (
			await sandbox().api<{ endpoint: Endpoint }>('POST', '/endpoints', {
				endpoint: { url: harness.productionUrl, registered_webhooks: ['invoice_updated'] },
			})
		).endpoint;
		await sandbox().api('POST', '/endpoints', {
			endpoint: { url: `${harness.productionUrl}-other`, registered_webhooks: ['patient_created'] },
		});
		await sandbox().clearRequests();

		expect(await harness.activate()).toBe(true);

		expect(await apiCalls()).toEqual(['GET /partner/v2/endpoints', `PUT /partner/v2/endpoints/${existing.id}`]);
		const mine = (await endpoints()).filter((endpoint) => endpoint.url === harness.productionUrl);
		expect(mine).toEqual([expect.objectContaining({ id: existing.id, registered_webhooks: ['patient_created'] })]);
		expect(harness.nodeStaticData().endpointId).toBe(existing.id);
	});

	it('reads every page when searching and removes extra endpoints with the node URL', async () => {
		for (let index = 0; index < 105; index++) {
			await sandbox().api('POST', '/endpoints', {
				endpoint: { url: `https://elsewhere.example.com/hook/${index}`, registered_webhooks: ['patient_created'] },
			});
		}
		for (let index = 0; index < 2; index++) {
			await sandbox().api('POST', '/endpoints', {
				endpoint: { url: harness.productionUrl, registered_webhooks: ['patient_created'] },
			});
		}
		await sandbox().clearRequests();

		expect(await harness.activate()).toBe(true);

		const calls = await sandbox().requests();
		expect(calls.filter((call) => call.method === 'GET').map((call) => call.query.page)).toEqual(['1', '2']);
		const mine = (await endpoints()).concat(
			(await sandbox().api<{ endpoints: Endpoint[] }>('GET', '/endpoints?per_page=100&page=2')).endpoints,
		).filter((endpoint) => endpoint.url === harness.productionUrl);
		expect(mine).toHaveLength(1);
		expect(harness.nodeStaticData().endpointId).toBe(mine[0].id);
		expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(1);
		expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
	});

	it('deactivation tolerates an endpoint that is already gone (404)', async () => {
		await harness.activate();
		const [endpoint] = await endpoints();
		await sandbox().api('DELETE', `/endpoints/${endpoint.id}`);
		await sandbox().clearRequests();

		await expect(harness.deactivate()).resolves.toBe(true);

		const requests = await sandbox().requests();
		expect(requests.map((request) => [request.method, request.path, request.status])).toEqual([
			['DELETE', `/partner/v2/endpoints/${endpoint.id}`, 404],
		]);
		expect(harness.nodeStaticData().endpointId).toBeUndefined();
	});

	it('deactivation reports other errors instead of swallowing them', async () => {
		await harness.activate();
		credentialOverrides = { apiKey: 'revoked-key' };

		await expect(harness.deactivate()).rejects.toThrow(/Authentication failed \(401\)/);

		credentialOverrides = {};
		await sandbox().setFaults({ rate500: 1 });
		await expect(harness.deactivate()).rejects.toThrow(/server error \(500\)/);
		await sandbox().setFaults({ rate500: 0 });
	});

	it('refuses to subscribe to nothing, and names an invalid custom event', async () => {
		harness.setParameters({ events: [], customEvents: '' });
		await expect(harness.activate()).rejects.toThrow('Choose at least one event to listen to');

		harness.setParameters({ events: ['patient_created'], customEvents: 'Patient Created' });
		await expect(harness.activate()).rejects.toThrow('Invalid event name "Patient Created"');

		expect(await endpoints()).toEqual([]);
	});

	it('a test registration uses the test URL and leaves the production endpoint alone', async () => {
		await harness.activate();
		const [production] = await endpoints();
		await sandbox().clearRequests();

		expect(await harness.activate('test')).toBe(false);

		const list = await endpoints();
		expect(list).toHaveLength(2);
		expect(list.find((endpoint) => endpoint.id === production.id)).toEqual(production);
		const test = list.find((endpoint) => endpoint.id !== production.id)!;
		expect(test.url).toBe(harness.testUrl);
		expect(harness.testUrl).not.toBe(harness.productionUrl);
		expect((await sandbox().requests()).filter((request) => request.method === 'PUT')).toEqual([]);
		expect(harness.nodeStaticData('test')).toMatchObject({ endpointId: test.id, webhookUrl: harness.testUrl });
		expect(harness.nodeStaticData()).toMatchObject({ endpointId: production.id, webhookUrl: harness.productionUrl });

		await harness.deactivate('test');
		expect(await endpoints()).toEqual([production]);
	});

	it('a failed test registration cleans up without deleting the active workflow endpoint', async () => {
		await harness.activate();
		const [production] = await endpoints();
		await sandbox().setFaults({ rate500: 1 });

		await expect(harness.activate('test')).rejects.toThrow(/server error \(500\)/);

		await sandbox().setFaults({ rate500: 0 });
		expect(harness.cleanUpErrors).toHaveLength(1);
		const deletes = (await sandbox().requests()).filter((request) => request.method === 'DELETE');
		expect(deletes).toEqual([]);
		expect(await endpoints()).toEqual([production]);
	});

	it('a test registration refused for its parameters leaves the active workflow endpoint alone', async () => {
		await harness.activate();
		const [production] = await endpoints();
		harness.setParameters({ events: [], customEvents: '' });
		await sandbox().clearRequests();

		await expect(harness.activate('test')).rejects.toThrow('Choose at least one event to listen to');

		// n8n's clean-up called delete, which looked for endpoints with the test URL only.
		expect(await apiCalls()).toEqual(['GET /partner/v2/endpoints']);
		expect(await endpoints()).toEqual([production]);
		expect(harness.nodeStaticData()).toMatchObject({ endpointId: production.id });
	});

	it('delete never removes an endpoint stored for another URL', async () => {
		await harness.activate();
		const [production] = await endpoints();
		// A test registration holding an untouched copy of the active workflow's static data.
		harness.testStaticData = JSON.parse(JSON.stringify(harness.savedStaticData)) as IDataObject;
		await sandbox().clearRequests();

		await expect(harness.deactivate('test')).resolves.toBe(true);

		expect(await apiCalls()).toEqual(['GET /partner/v2/endpoints']);
		expect(await endpoints()).toEqual([production]);
	});

	it('moves the active workflow endpoint to the new URL when the webhook URL changed', async () => {
		await harness.activate();
		const [before] = await endpoints();
		const oldUrl = harness.productionUrl;
		harness.node.webhookId = '0b5d2a9e-1f0c-4a57-8d0e-3c8f7e6a9b12';
		await sandbox().clearRequests();

		expect(await harness.activate()).toBe(true);

		expect(harness.productionUrl).not.toBe(oldUrl);
		expect(await apiCalls()).toEqual([`GET /partner/v2/endpoints/${before.id}`, `PUT /partner/v2/endpoints/${before.id}`]);
		expect(await endpoints()).toEqual([expect.objectContaining({ id: before.id, url: harness.productionUrl })]);
		expect(harness.nodeStaticData().webhookUrl).toBe(harness.productionUrl);
	});
});

describe('deliveries', () => {
	beforeEach(async () => {
		await harness.activate();
	});

	it('a signed delivery from Inbox Health starts the workflow with the whole event', async () => {
		const patient = await createPatient('Ada');
		const [delivery] = await harness.waitForRequests(1);

		expect(delivery.status).toBe(200);
		expect(JSON.parse(delivery.responseBody)).toEqual({ received: true, started: true });
		expect(harness.executions).toHaveLength(1);
		const [item] = harness.executions[0];
		expect(item.json).toEqual(JSON.parse(delivery.rawBody.toString('utf8')));
		expect(Object.keys(item.json).sort()).toEqual(['created_at', 'event_data', 'event_type', 'id', 'livemode']);
		expect(item.json.event_type).toBe('patient_created');
		expect((item.json.event_data as IDataObject).object).toMatchObject({
			id: patient.id,
			first_name: 'Ada',
			last_name: 'Lovelace',
			object: 'patient',
		});

		const attempts = (await sandbox().admin<{ deliveries: IDataObject[] }>('GET', '/deliveries')).deliveries;
		expect(attempts).toEqual([expect.objectContaining({ event_type: 'patient_created', status: 200, error: null })]);
		expect(harness.nodeStaticData().recentEventIds).toEqual([String(item.json.id)]);
	});

	it('can output only the record, with the request headers', async () => {
		harness.setParameters({ events: ['patient_created'], options: { output: 'object', includeHeaders: true } });
		const patient = await createPatient('Grace');
		const [delivery] = await harness.waitForRequests(1);

		expect(harness.executions).toHaveLength(1);
		const { headers, ...record } = harness.executions[0][0].json;
		expect(record).toEqual(
			(JSON.parse(delivery.rawBody.toString('utf8')) as { event_data: { object: IDataObject } }).event_data.object,
		);
		expect(record).toMatchObject({ id: patient.id, first_name: 'Grace' });
		expect(headers).toMatchObject({
			'content-type': 'application/json',
			'x-inboxhealth-signature': signatureOf(delivery),
		});
		expect(JSON.stringify(headers)).not.toContain(TEST_API_KEY);
	});

	it('answers 401 and starts nothing for tampered, unsigned or wrongly signed deliveries', async () => {
		await createPatient('Ada');
		const [genuine] = await harness.waitForRequests(1);
		const body = genuine.rawBody.toString('utf8');
		const signature = signatureOf(genuine);
		const event = JSON.parse(body) as IDataObject;
		const json = { 'content-type': 'application/json' };

		const attempts: Array<[string, string, Record<string, string>]> = [
			['tampered body', body.replace('"Ada"', '"Eve"'), { ...json, 'x-inboxhealth-signature': signature }],
			['tampered id', body.replace(`"id":${event.id}`, `"id":${Number(event.id) + 1000}`), { ...json, 'x-inboxhealth-signature': signature }],
			['missing header', body, json],
			['empty header', body, { ...json, 'x-inboxhealth-signature': '' }],
			['another key', body, { ...json, 'x-inboxhealth-signature': sandboxSign(harness.productionUrl, event, 'another-key') }],
			['another URL', body, { ...json, 'x-inboxhealth-signature': sandboxSign(harness.testUrl, event, TEST_API_KEY) }],
			['truncated signature', body, { ...json, 'x-inboxhealth-signature': signature.slice(0, -2) }],
		];
		for (const [name, text, headers] of attempts) {
			if (name.startsWith('tampered')) expect(text).not.toBe(body);
			const response = await harness.post(text, headers);
			expect({ name, status: response.status }).toEqual({ name, status: 401 });
			expect(JSON.parse(response.body).message).toMatch(/X-InboxHealth-Signature/);
		}
		expect(harness.executions).toHaveLength(1);
	});

	it('starts the workflow once when the same event is delivered again', async () => {
		await createPatient('Ada');
		await harness.waitForRequests(1);
		const [event] = await storedEvents();

		await sandbox().admin('POST', `/events/${event.id}/redeliver`);
		const requests = await harness.waitForRequests(2);

		expect(requests[1].rawBody.equals(requests[0].rawBody)).toBe(true);
		expect(requests[1].status).toBe(200);
		expect(JSON.parse(requests[1].responseBody)).toMatchObject({ started: false });
		expect(harness.executions).toHaveLength(1);

		await createPatient('Grace');
		await harness.waitForRequests(3);
		expect(harness.executions).toHaveLength(2);
		expect(harness.nodeStaticData().recentEventIds).toHaveLength(2);
	});

	it('answers 200 and starts nothing for an event type that is not selected', async () => {
		const [endpoint] = await endpoints();
		// Someone adds an event to the subscription in Inbox Health.
		await sandbox().api('PUT', `/endpoints/${endpoint.id}`, {
			endpoint: { registered_webhooks: ['patient_created', 'patient_updated'] },
		});
		const patient = await createPatient('Ada');
		await harness.waitForRequests(1);

		await sandbox().api('PUT', `/patients/${patient.id}`, { patient: { first_name: 'Ada Augusta' } });
		const requests = await harness.waitForRequests(2);

		expect(JSON.parse(requests[1].rawBody.toString('utf8')).event_type).toBe('patient_updated');
		expect(requests[1].status).toBe(200);
		expect(JSON.parse(requests[1].responseBody)).toMatchObject({ started: false });
		expect(harness.executions).toHaveLength(1);
	});

	it('accepts unsigned deliveries when verification is switched off', async () => {
		harness.setParameters({ events: ['patient_created'], options: { verifySignature: false } });
		const event = { id: 99, livemode: false, created_at: '2024-01-01T00:00:00Z', event_type: 'patient_created', event_data: { object: { id: 1 } } };

		const response = await harness.post(JSON.stringify(event), { 'content-type': 'application/json' });

		expect(response.status).toBe(200);
		expect(harness.executions).toHaveLength(1);
		expect(harness.executions[0][0].json).toEqual(event);
	});

	it('answers 400 and starts nothing for malformed bodies', async () => {
		const signed = { 'x-inboxhealth-signature': 'c2lnbmF0dXJl' };
		const cases: Array<[string, string | Buffer, Record<string, string>, RegExp]> = [
			['not JSON', 'hello', { ...signed, 'content-type': 'text/plain' }, /not valid JSON/],
			['truncated JSON', '{"id": 1, "event_type"', { ...signed, 'content-type': 'text/plain' }, /not valid JSON/],
			['an array', '[{"id":1}]', { ...signed, 'content-type': 'application/json' }, /must be a JSON object/],
			['a string', '"patient_created"', { ...signed, 'content-type': 'application/json' }, /must be a JSON object/],
			['empty', '', { ...signed, 'content-type': 'application/json' }, /Empty body/],
			['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), { ...signed, 'content-type': 'text/plain' }, /not valid UTF-8/],
			['too large', `{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`, { ...signed, 'content-type': 'application/json' }, /too large/],
		];
		for (const [name, body, headers, message] of cases) {
			const response = await harness.post(body, headers);
			expect({ name, status: response.status }).toEqual({ name, status: 400 });
			expect(JSON.parse(response.body).message).toMatch(message);
		}
		// Correctly signed but not an event.
		const notAnEvent = { id: 5, hello: 'world' };
		const response = await harness.post(JSON.stringify(notAnEvent), {
			'content-type': 'application/json',
			'x-inboxhealth-signature': sandboxSign(harness.productionUrl, notAnEvent, TEST_API_KEY),
		});
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body).message).toMatch(/event_type/);
		expect(harness.executions).toHaveLength(0);
	});

	it('verifies deliveries to the test URL against the URL that was registered for the test', async () => {
		await harness.deactivate();
		await harness.activate('test');
		const patient = await createPatient('Ada');

		const [delivery] = await harness.waitForRequests(1);

		expect(delivery.mode).toBe('test');
		expect(delivery.status).toBe(200);
		expect(harness.executions).toHaveLength(1);
		expect((harness.executions[0][0].json.event_data as IDataObject).object).toMatchObject({ id: patient.id });
	});
});
