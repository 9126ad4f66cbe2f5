import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { sign } from '../../sandbox/signature';
import { API_KEY, BASIC_SEED, Client, fakePatient, waitFor, type Json } from './helpers';

interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	raw: string;
	body: Json;
}

/** A local webhook receiver answering each delivery with the next queued status (200 when none is queued). */
class Receiver {
	readonly received: Received[] = [];
	readonly statuses: number[] = [];
	private server!: Server;
	url = '';

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				this.received.push({ path: request.url ?? '', headers: request.headers, raw, body: JSON.parse(raw) });
				response.writeHead(this.statuses.shift() ?? 200).end();
			});
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	reset(): void {
		this.received.length = 0;
		this.statuses.length = 0;
	}

	async waitFor(count: number): Promise<Received[]> {
		return waitFor(() => (this.received.length >= count ? [...this.received] : undefined));
	}
}

const SIGNING_KEY = 'endpoint-owner-key';
const EVENTS = [
	'patient_created',
	'patient_updated',
	'invoice_created',
	'invoice_updated',
	'line_item_created',
	'notification_created',
	'payment_created',
	'invoice_payment_created',
];

describe('sandbox webhooks', () => {
	let sandbox: Sandbox;
	let client: Client;
	const receiver = new Receiver();
	let hookUrl: string;

	beforeAll(async () => {
		await receiver.start();
		sandbox = await startSandbox({
			port: 0,
			quiet: true,
			rate: 0,
			apiKeys: [API_KEY, SIGNING_KEY],
			deliveryRetries: 2,
			deliveryBackoffMs: 10,
		});
		client = new Client(sandbox);
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});
	beforeEach(async () => {
		await client.admin('POST', '/reset', BASIC_SEED);
		receiver.reset();
		hookUrl = `${receiver.url}/hooks/inbox-health?source=sandbox`;
		await new Client(sandbox, SIGNING_KEY).create('/endpoints', 'endpoint', { url: hookUrl, registered_webhooks: EVENTS });
	});

	const eventTypes = (received: Received[]): string[] => received.map((delivery) => delivery.body.event_type);

	it('delivers a signed event to the subscribed endpoint', async () => {
		const patient = await client.create('/patients', 'patient', fakePatient());
		const [delivery] = await receiver.waitFor(1);

		expect(delivery.path).toBe('/hooks/inbox-health?source=sandbox');
		expect(delivery.headers['content-type']).toBe('application/json');
		expect(Object.keys(delivery.body).sort()).toEqual(['created_at', 'event_data', 'event_type', 'id', 'livemode']);
		expect(delivery.body).toMatchObject({ livemode: false, event_type: 'patient_created' });
		expect(Number.isInteger(delivery.body.id)).toBe(true);
		expect(delivery.body.event_data.object).toEqual({ ...patient, object: 'patient' });
		// Signed with the key that created the endpoint, over the URL exactly as registered.
		expect(delivery.headers['x-inboxhealth-signature']).toBe(sign(hookUrl, delivery.body, SIGNING_KEY));
		expect(delivery.headers['x-inboxhealth-signature']).not.toBe(sign(hookUrl, delivery.body, API_KEY));
	});

	it('sends child events instead of invoice_updated for line items and invoice payments', async () => {
		const patient = await client.create('/patients', 'patient', fakePatient());
		const invoice = await client.create('/invoices', 'invoice', {
			patient_id: patient.id,
			practice_id: 1,
			date_of_service: '2022-03-03',
			line_items_attributes: [{ total_charge_amount_cents: 2500 }],
		});
		expect(eventTypes(await receiver.waitFor(4))).toEqual(['patient_created', 'invoice_created', 'line_item_created', 'notification_created']);
		expect(receiver.received[1].body.event_data.object).toMatchObject({ id: invoice.id, balance_cents: 2500 });

		receiver.reset();
		await client.create('/line_items', 'line_item', { invoice_id: invoice.id, total_charge_amount_cents: 100 });
		await client.create('/payments', 'payment', { patient_id: patient.id, expected_amount_cents: 500, payment_method_type: 'cash', apply_payment: true }, { invoice_id: invoice.id });
		await client.put(`/invoices/${invoice.id}`, { id: invoice.id, email: 'fake@example.com', invoice: { notes: 'edited' } });
		await client.put(`/patients/${patient.id}`, { patient: { billing_status: 'excluded' } });
		expect(eventTypes(await receiver.waitFor(5))).toEqual([
			'line_item_created',
			'payment_created',
			'invoice_payment_created',
			'invoice_updated',
			'patient_updated',
		]);
	});

	it('redelivers an event with the same id and body', async () => {
		await client.create('/patients', 'patient', fakePatient());
		const [first] = await receiver.waitFor(1);

		const answer = await client.admin('POST', `/events/${first.body.id}/redeliver`);
		expect(answer.status).toBe(202);
		expect(answer.body).toEqual({ event_id: first.body.id, deliveries: 1 });
		const [, second] = await receiver.waitFor(2);
		expect(second.raw).toBe(first.raw);
		expect(second.headers['x-inboxhealth-signature']).toBe(first.headers['x-inboxhealth-signature']);
		expect((await client.admin('POST', '/events/999999/redeliver')).status).toBe(404);
	});

	it('retries failed deliveries and records every attempt', async () => {
		receiver.statuses.push(500, 503);
		await client.create('/patients', 'patient', fakePatient());
		const received = await receiver.waitFor(3);
		expect(new Set(received.map((delivery) => delivery.body.id)).size).toBe(1);

		const { body } = await client.admin('GET', '/deliveries');
		expect(body.deliveries.map((attempt: Json) => [attempt.attempt, attempt.status, attempt.error])).toEqual([
			[1, 500, 'HTTP 500'],
			[2, 503, 'HTTP 503'],
			[3, 200, null],
		]);
		expect(body.deliveries[0]).toMatchObject({ event_type: 'patient_created', url: hookUrl, signature: received[0].headers['x-inboxhealth-signature'] });
	});

	it('gives up after the retries when the receiver is unreachable', async () => {
		await client.put('/endpoints/1', { endpoint: { url: 'http://127.0.0.1:9/unreachable' } });
		await client.create('/patients', 'patient', fakePatient());
		const attempts = await waitFor(async () => {
			const { body } = await client.admin('GET', '/deliveries');
			return body.deliveries.length >= 3 ? body.deliveries : undefined;
		});
		expect(attempts.map((attempt: Json) => attempt.status)).toEqual([null, null, null]);
		expect(attempts.every((attempt: Json) => typeof attempt.error === 'string')).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect((await client.admin('GET', '/deliveries')).body.deliveries).toHaveLength(3);
	});

	it('signs with the key that last updated the endpoint and skips unsubscribed events', async () => {
		await client.put('/endpoints/1', { endpoint: { registered_webhooks: ['patient_updated'] } });
		const patient = await client.create('/patients', 'patient', fakePatient());
		await client.put(`/patients/${patient.id}`, { patient: { first_name: 'Renamed' } });
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.body.event_type).toBe('patient_updated');
		expect(delivery.headers['x-inboxhealth-signature']).toBe(sign(hookUrl, delivery.body, API_KEY));
		const { body } = await client.admin('GET', '/events');
		expect(body.events.map((event: Json) => event.event_type)).toEqual(['patient_created', 'patient_updated']);
	});
});
