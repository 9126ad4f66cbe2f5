/**
 * The Inbox Health Trigger in a real n8n 2.41 server (examples/04-trigger-notify.json,
 * imported by the test): activation subscribes exactly one sandbox endpoint at n8n's
 * production webhook URL, signed deliveries of sandbox changes start one execution each,
 * forged / tampered / repeated deliveries start none, deactivation unsubscribes, and
 * deactivate → activate → restart cycles never leave two endpoints behind.
 */
import { sign } from '../../sandbox/signature';
import type { N8nInstance, Workflow, WorkflowJson } from '../../scripts/n8n';
import {
	importExample,
	nodeNamed,
	nodeOutput,
	postJson,
	removeWorkflow,
	sleep,
	TEST_API_KEY,
	useE2e,
	waitFor,
	type Json,
} from './support';

jest.setTimeout(120_000);

const env = useE2e();

const EVENTS = ['invoice_payment_created', 'invoice_updated', 'patient_created'];
/** How long to wait before concluding that no (further) execution starts. */
const QUIET_MS = 1500;

type Row = Json & { id: number };
interface SandboxEvent {
	id: number;
	event_type: string;
	event_data: { object: Json };
	[key: string]: unknown;
}
interface Delivery {
	event_id: number;
	event_type: string;
	endpoint_id: number;
	url: string;
	attempt: number;
	status: number | null;
	error: string | null;
	signature: string;
}

let workflow: Workflow;
let json: WorkflowJson;

const n8n = (): N8nInstance => env.n8n();

async function endpoints(): Promise<Row[]> {
	return (await env.sandbox().api<{ endpoints: Row[] }>('GET', '/endpoints?per_page=100')).endpoints;
}

async function deliveries(): Promise<Delivery[]> {
	return (await env.sandbox().admin<{ deliveries: Delivery[] }>('GET', '/deliveries')).deliveries;
}

async function events(): Promise<SandboxEvent[]> {
	return (await env.sandbox().admin<{ events: SandboxEvent[] }>('GET', '/events')).events;
}

/** The production URL n8n gives the trigger: <base>/webhook/<webhookId>/webhook. */
function productionUrl(): string {
	return `${n8n().webhookBaseUrl}/${String(nodeNamed(json, 'Inbox Health Trigger').webhookId)}/webhook`;
}

async function executionCount(): Promise<number> {
	return (await n8n().executions({ workflowId: workflow.id })).length;
}

/** Waits until `count` executions finished, then a quiet moment, and checks no more started. */
async function expectExecutions(count: number) {
	await n8n().waitForExecutions(workflow.id, count, 30_000);
	await sleep(QUIET_MS);
	const all = await n8n().executions({ workflowId: workflow.id, includeData: true });
	expect(all).toHaveLength(count);
	return all;
}

/** Waits until every listed event has a finished delivery attempt (the sandbox delivers in the background). */
async function deliveredEvents(eventIds: number[], attemptsEach = 1): Promise<Delivery[]> {
	return waitFor(`deliveries of events ${eventIds.join(', ')}`, async () => {
		const all = (await deliveries()).filter((d) => eventIds.includes(d.event_id));
		return eventIds.every((id) => all.filter((d) => d.event_id === id).length >= attemptsEach) ? all : undefined;
	});
}

async function arrangeEnterprise(): Promise<{ enterpriseId: number; practiceId: number }> {
	const { enterprise } = await env.sandbox().api<{ enterprise: Row }>('POST', '/enterprises', {
		enterprise: { name: 'E2E Trigger Clinic', practices_attributes: [{ name: 'E2E Trigger Practice' }] },
	});
	const { practices } = await env.sandbox().api<{ practices: Row[] }>('GET', `/enterprises/${enterprise.id}/practices`);
	return { enterpriseId: enterprise.id, practiceId: practices[0].id };
}

async function createPatient(enterpriseId: number, firstName = 'Tess'): Promise<Row> {
	const { patient } = await env.sandbox().api<{ patient: Row }>('POST', '/patients', {
		patient: { enterprise_id: enterpriseId, first_name: firstName, last_name: 'Trigger', date_of_birth: '1985-02-03' },
	});
	return patient;
}

async function latestEvent(type: string): Promise<SandboxEvent> {
	const matching = (await events()).filter((event) => event.event_type === type);
	expect(matching.length).toBeGreaterThan(0);
	return matching[matching.length - 1];
}

beforeEach(async () => {
	await env.sandbox().reset();
	const imported = await importExample(env, '04-trigger-notify', { activate: false });
	workflow = imported.workflow;
	json = imported.json;
});

afterEach(async () => {
	await removeWorkflow(n8n(), workflow.id);
});

describe('the Inbox Health Trigger in a real n8n server (examples/04-trigger-notify.json)', () => {
	test('activating registers exactly one endpoint with the chosen events at the production URL; deactivating removes it', async () => {
		expect(await endpoints()).toEqual([]);
		await env.sandbox().clearRequests();

		await n8n().activate(workflow.id);

		const registered = await endpoints();
		expect(registered).toHaveLength(1);
		expect(registered[0].url).toBe(productionUrl());
		expect([...(registered[0].registered_webhooks as string[])].sort()).toEqual(EVENTS);
		const writes = (await env.sandbox().requests()).filter((r) => r.method !== 'GET' && /\/endpoints/.test(r.path));
		expect(writes.map((r) => [r.method, r.status, r.auth])).toEqual([['POST', 201, 'basic']]);

		await n8n().deactivate(workflow.id);

		expect(await endpoints()).toEqual([]);
		const res = await fetch(productionUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(res.status).toBe(404);
		await res.body?.cancel();
	});

	test('patient created, invoice updated and payment applied are delivered signed and each starts exactly one execution with the event', async () => {
		await n8n().activate(workflow.id);
		const sandbox = env.sandbox();
		const { enterpriseId, practiceId } = await arrangeEnterprise();
		const patient = await createPatient(enterpriseId);
		const { invoice } = await sandbox.api<{ invoice: Row }>('POST', '/invoices', {
			invoice: {
				patient_id: patient.id,
				practice_id: practiceId,
				date_of_service: '2024-03-15',
				line_items_attributes: [{ description: 'Visit', total_charge_amount_cents: 5000, quantity: 1 }],
			},
		});
		await sandbox.api('PUT', `/invoices/${invoice.id}`, { invoice: { notes: 'Called the patient' } });
		const { payment } = await sandbox.api<{ payment: Row }>('POST', '/payments', {
			payment: { patient_id: patient.id, expected_amount_cents: 2000, payment_method_type: 'cash' },
		});
		await sandbox.api('POST', '/invoice_payments', {
			invoice_payment: { payment_id: payment.id, invoice_id: invoice.id, paid_amount_cents: 2000 },
		});

		const subscribed = (await events()).filter((event) => EVENTS.includes(event.event_type));
		expect(subscribed.map((event) => event.event_type)).toEqual(['patient_created', 'invoice_updated', 'invoice_payment_created']);
		// Other changes happened (enterprise, invoice and line item created...) but were not subscribed to.
		expect((await events()).length).toBeGreaterThan(subscribed.length);

		const attempts = await deliveredEvents(subscribed.map((event) => event.id));
		expect(attempts.map((d) => [d.event_type, d.url, d.attempt, d.status, d.error])).toEqual(
			subscribed.map((event) => [event.event_type, productionUrl(), 1, 200, null]),
		);
		expect(attempts.every((d) => d.signature === sign(productionUrl(), subscribed.find((e) => e.id === d.event_id)!, TEST_API_KEY))).toBe(true);
		// Only the subscribed events were delivered.
		expect(await deliveries()).toHaveLength(subscribed.length);

		const executions = await expectExecutions(subscribed.length);
		for (const event of subscribed) {
			const matching = executions.filter((execution) => nodeOutput(execution, 'Inbox Health Trigger')[0]?.json.id === event.id);
			expect(matching).toHaveLength(1);
			const [execution] = matching;
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			const triggerItems = nodeOutput(execution, 'Inbox Health Trigger');
			expect(triggerItems).toHaveLength(1);
			expect(triggerItems[0].json).toEqual(JSON.parse(JSON.stringify(event)));
			const notification = nodeOutput(execution, 'Notify').map((item) => item.json);
			const object = event.event_data.object;
			const label = { patient_created: 'New patient', invoice_updated: 'Invoice updated', invoice_payment_created: 'Payment applied' }[
				event.event_type
			];
			expect(notification).toEqual([
				{ text: `${label}: ${String(object.object)} ${String(object.id)} (event ${event.id})`, event_id: event.id, event_type: event.event_type },
			]);
		}
	});

	test('forged (wrong key), tampered (valid signature of another body) and unsigned deliveries get 401 and start nothing', async () => {
		await n8n().activate(workflow.id);
		const { enterpriseId } = await arrangeEnterprise();
		await createPatient(enterpriseId);
		const real = await latestEvent('patient_created');
		const [realDelivery] = await deliveredEvents([real.id]);
		expect(realDelivery.status).toBe(200);
		await expectExecutions(1);

		const url = productionUrl();
		const made: SandboxEvent = {
			...structuredClone(real),
			id: 990001,
			event_data: { object: { ...real.event_data.object, id: 990001, first_name: 'Mallory' } },
		};
		const forged = await postJson(url, made, { 'X-InboxHealth-Signature': sign(url, made, 'not-the-partner-key') });
		const tampered = await postJson(url, { ...made, id: 990002 }, { 'X-InboxHealth-Signature': realDelivery.signature });
		const unsigned = await postJson(url, { ...made, id: 990003 });
		const signedForAnotherUrl = await postJson(url, { ...made, id: 990004 }, {
			'X-InboxHealth-Signature': sign('http://127.0.0.1:1/elsewhere', { ...made, id: 990004 }, TEST_API_KEY),
		});

		expect([forged, tampered, unsigned, signedForAnotherUrl].map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
		expect(forged.body).toEqual({ code: 401, message: 'Invalid X-InboxHealth-Signature' });
		expect(tampered.body).toEqual({ code: 401, message: 'Invalid X-InboxHealth-Signature' });
		expect(unsigned.body).toEqual({ code: 401, message: 'Missing X-InboxHealth-Signature header' });
		await expectExecutions(1);

		// Control: the same made-up event, signed with the partner key for this URL, is accepted.
		const genuine = await postJson(url, made, { 'X-InboxHealth-Signature': sign(url, made, TEST_API_KEY) });
		expect(genuine.status).toBe(200);
		const executions = await expectExecutions(2);
		expect(nodeOutput(executions[0], 'Inbox Health Trigger')[0].json).toEqual(JSON.parse(JSON.stringify(made)));
	});

	test('the same event delivered twice starts one execution', async () => {
		await n8n().activate(workflow.id);
		const { enterpriseId } = await arrangeEnterprise();
		await createPatient(enterpriseId);
		const event = await latestEvent('patient_created');
		await deliveredEvents([event.id]);
		await expectExecutions(1);

		const redelivery = await env.sandbox().admin<{ deliveries: number }>('POST', `/events/${event.id}/redeliver`);
		expect(redelivery.deliveries).toBe(1);

		const attempts = await deliveredEvents([event.id], 2);
		expect(attempts.map((d) => [d.status, d.error])).toEqual([
			[200, null],
			[200, null],
		]);
		// The trigger remembers received event ids in the node's static data. n8n 2.41.1 drops static
		// data written by webhook() when the call also starts a run and n8n answers afterwards
		// (WorkflowRunner builds a new Workflow over the same staticData object, which resets its
		// __dataChanged flag, so LiveWebhooks.saveStaticData skips the save): then this sees 2.
		const [execution] = await expectExecutions(1);
		expect(nodeOutput(execution, 'Inbox Health Trigger')[0].json.id).toBe(event.id);

		// A different event right after is still let through.
		await createPatient(enterpriseId, 'Second');
		await expectExecutions(2);
	});

	test('deactivate → activate → restart n8n cycles never leave two endpoints, and deliveries keep working after each restart', async () => {
		const { enterpriseId } = await arrangeEnterprise();
		let executions = 0;
		for (const cycle of [1, 2]) {
			await n8n().activate(workflow.id);
			const active = await endpoints();
			expect({ cycle, afterActivate: active.map((e) => e.url) }).toEqual({ cycle, afterActivate: [productionUrl()] });

			await env.restartN8n();
			const afterRestart = await endpoints();
			expect({ cycle, afterRestart: afterRestart.map((e) => e.id) }).toEqual({ cycle, afterRestart: [active[0].id] });
			expect((await n8n().listWorkflows()).find((w) => w.id === workflow.id)?.active).toBe(true);

			await createPatient(enterpriseId, `Cycle${cycle}`);
			executions += 1;
			const latest = await expectExecutions(executions);
			expect(nodeOutput(latest[0], 'Inbox Health Trigger')[0].json).toMatchObject({
				event_type: 'patient_created',
				event_data: { object: { first_name: `Cycle${cycle}` } },
			});

			await n8n().deactivate(workflow.id);
			expect({ cycle, afterDeactivate: await endpoints() }).toEqual({ cycle, afterDeactivate: [] });
		}
		expect(await executionCount()).toBe(2);
	}, 240_000);
});
