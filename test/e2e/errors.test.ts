/**
 * Errors as a user sees them in a real n8n 2.41 server: a failed execution whose error
 * (read from the execution data, as the editor shows it) names the cause, and with
 * "On Error: Continue" the good items still come through and each error item is paired
 * with the input item that caused it.
 *
 * The flows are examples/03-assign-balances-from-sheet.json, imported by the test (one copy
 * per situation, each on its own webhook path), plus a one-node "get patient" workflow.
 */
import type { Execution, Workflow } from '../../scripts/n8n';
import {
	executionError,
	importExample,
	moveWebhook,
	nodeNamed,
	nodeOutput,
	pairedIndex,
	postJson,
	removeWorkflow,
	TEST_API_KEY,
	useE2e,
	type ImportedWorkflow,
	type Json,
} from './support';

jest.setTimeout(120_000);

const env = useE2e();
const created: Workflow[] = [];

type Row = Json & { id: number };

interface Fixture {
	enterpriseId: number;
	practiceId: number;
	patientIds: number[];
}

async function arrange(): Promise<Fixture> {
	const sandbox = env.sandbox();
	await sandbox.reset();
	const enterprise = (
		await sandbox.api<{ enterprise: Row }>('POST', '/enterprises', {
			enterprise: { name: 'E2E Errors Clinic', practices_attributes: [{ name: 'E2E Errors Practice' }] },
		})
	).enterprise;
	const [practice] = (await sandbox.api<{ practices: Row[] }>('GET', `/enterprises/${enterprise.id}/practices`)).practices;
	const patientIds: number[] = [];
	for (const name of ['Ann', 'Bob']) {
		const { patient } = await sandbox.api<{ patient: Row }>('POST', '/patients', {
			patient: { enterprise_id: enterprise.id, first_name: name, last_name: 'Errors', date_of_birth: '1980-06-01' },
		});
		patientIds.push(patient.id);
	}
	await sandbox.clearRequests();
	return { enterpriseId: enterprise.id, practiceId: practice.id, patientIds };
}

async function importSheet(suffix: string, options: Parameters<typeof importExample>[2] = {}): Promise<ImportedWorkflow> {
	const imported = await importExample(env, '03-assign-balances-from-sheet', {
		...options,
		mutate: (json) => {
			moveWebhook(json, suffix);
			options.mutate?.(json);
		},
	});
	created.push(imported.workflow);
	return imported;
}

/** Runs the flow through its webhook and returns the answer and the execution it started. */
async function run(imported: ImportedWorkflow, body: unknown): Promise<{ status: number; answer: unknown; execution: Execution }> {
	const n8n = env.n8n();
	const before = (await n8n.executions({ workflowId: imported.workflow.id })).length;
	const answer = await postJson(imported.webhookUrl!, body);
	const executions = await n8n.waitForExecutions(imported.workflow.id, before + 1, 30_000, { includeData: true });
	expect(executions).toHaveLength(before + 1);
	return { status: answer.status, answer: answer.body, execution: executions[0] };
}

async function balanceOf(patientId: number): Promise<unknown> {
	return (await env.sandbox().api<{ patient: Row }>('GET', `/patients/${patientId}`)).patient.balance_cents;
}

async function invoicePosts(): Promise<Array<{ status: number; auth: string | null }>> {
	return (await env.sandbox().requests()).filter((r) => r.method === 'POST' && /\/invoices$/.test(r.path));
}

describe('errors as a user sees them', () => {
	afterAll(async () => {
		for (const workflow of created) await removeWorkflow(env.n8n(), workflow.id);
	}, 120_000);

	describe('a failed execution names the cause', () => {
		let sheet: ImportedWorkflow;
		let fixture: Fixture;

		beforeAll(async () => {
			sheet = await importSheet('errors');
		});
		beforeEach(async () => {
			fixture = await arrange();
		});

		test('a wrong API key: authentication failed, check the key', async () => {
			const wrongKey = await env.createCredential('Inbox Health e2e wrong key', { apiKey: 'not-the-partner-key' });
			const withWrongKey = await importSheet('wrongkey', { credential: wrongKey });

			const { status, execution } = await run(withWrongKey, {
				rows: [{ patient_id: fixture.patientIds[0], practice_id: fixture.practiceId, date_of_service: '2024-03-15', amount: 12.34 }],
			});

			expect(status).toBe(500);
			expect(execution.status).toBe('error');
			const error = executionError(execution);
			expect(error.node).toBe('Assign Balance');
			expect(error.message).toMatch(/^Authentication failed \(401\): check your API key/);
			expect(error.message).toMatch(/\[item 0\]$/);
			expect(JSON.stringify(execution.data)).not.toContain('not-the-partner-key');
			expect(JSON.stringify(execution.data)).not.toContain(TEST_API_KEY);
			expect(await invoicePosts()).toEqual([expect.objectContaining({ status: 401 })]);
			expect(await balanceOf(fixture.patientIds[0])).toBe(0);
		});

		test('an unknown patient id: the API rejects the invoice because patient_id must exist', async () => {
			const { status, execution } = await run(sheet, {
				rows: [{ patient_id: 999999, practice_id: fixture.practiceId, date_of_service: '2024-03-15', amount: 12.34 }],
			});

			expect(status).toBe(500);
			expect(execution.status).toBe('error');
			const error = executionError(execution);
			expect(error.node).toBe('Assign Balance');
			expect(error.message).toMatch(/\(422\)/);
			expect(error.message).toContain('patient_id must exist');
			expect(error.message).toMatch(/\[item 0\]$/);
			expect(await invoicePosts()).toEqual([expect.objectContaining({ status: 422 })]);
		});

		test('an unknown patient id looked up directly: not found (404), naming the patient', async () => {
			const json = {
				name: 'E2E get patient',
				nodes: [
					{
						id: 'e2e00000-0000-4000-8000-000000000001',
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0] as [number, number],
						webhookId: 'e2e00000-0000-4000-8000-0000000000a1',
						parameters: { httpMethod: 'POST', path: 'e2e-get-patient', responseMode: 'lastNode', responseData: 'allEntries', options: {} },
					},
					{
						id: 'e2e00000-0000-4000-8000-000000000002',
						name: 'Get Patient',
						type: 'n8n-nodes-inbox-health.inboxHealth',
						typeVersion: 1,
						position: [240, 0] as [number, number],
						parameters: { resource: 'patient', operation: 'get', patientId: { __rl: true, mode: 'id', value: '={{ $json.body.patient_id }}' } },
						credentials: { inboxHealthApi: { id: env.credential().id, name: env.credential().name } },
					},
				],
				connections: { Webhook: { main: [[{ node: 'Get Patient', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
			};
			const workflow = await env.n8n().createWorkflow(json);
			created.push(workflow);
			await env.n8n().activate(workflow.id);

			const { status, execution } = await run({ json, workflow, webhookUrl: `${env.n8n().webhookBaseUrl}/e2e-get-patient` }, { patient_id: 424242 });

			expect(status).toBe(500);
			const error = executionError(execution);
			expect(error.node).toBe('Get Patient');
			expect(error.message).toMatch(/^Not found \(404\): the patient 424242 does not exist/);
			expect(error.httpCode).toBe('404');
		});

		test('a date of service that is not a date: refused before any request, naming the field and the value', async () => {
			const { status, execution } = await run(sheet, {
				rows: [{ patient_id: fixture.patientIds[0], practice_id: fixture.practiceId, date_of_service: '03/15/2024', amount: 12.34 }],
			});

			expect(status).toBe(500);
			const error = executionError(execution);
			expect(error.node).toBe('Assign Balance');
			expect(error.message).toBe('"Date of Service" must be a date in the form YYYY-MM-DD (got "03/15/2024") [item 0]');
			expect(await invoicePosts()).toEqual([]);
		});

		test('an unknown practice: the API answers 422 and the message names the field', async () => {
			const { execution } = await run(sheet, {
				rows: [{ patient_id: fixture.patientIds[0], practice_id: 888888, date_of_service: '2024-03-15', amount: 12.34 }],
			});

			expect(execution.status).toBe('error');
			const error = executionError(execution);
			expect(error.message).toMatch(/\(422\)/);
			expect(error.message).toContain('practice_id must exist');
			expect(await balanceOf(fixture.patientIds[0])).toBe(0);
		});

		test('the failing row is named when earlier rows went through', async () => {
			const { execution } = await run(sheet, {
				rows: [
					{ patient_id: fixture.patientIds[0], practice_id: fixture.practiceId, date_of_service: '2024-03-15', amount: 12.34 },
					{ patient_id: fixture.patientIds[1], practice_id: fixture.practiceId, date_of_service: '2024-13-01', amount: 5 },
				],
			});

			expect(execution.status).toBe('error');
			expect(executionError(execution).message).toBe('"Date of Service" must be a date in the form YYYY-MM-DD (got "2024-13-01") [item 1]');
			expect(await balanceOf(fixture.patientIds[0])).toBe(1234);
			expect(await balanceOf(fixture.patientIds[1])).toBe(0);
		});
	});

	describe('with On Error: Continue, good rows come through and each error item is paired with its row', () => {
		test('a sheet with good and bad rows', async () => {
			const fixture = await arrange();
			const continuing = await importSheet('continue', {
				mutate: (json) => {
					nodeNamed(json, 'Assign Balance').onError = 'continueRegularOutput';
				},
			});
			const [ann, bob] = fixture.patientIds;
			const practice = fixture.practiceId;
			const rows = [
				{ patient_id: ann, practice_id: practice, date_of_service: '2024-03-15', amount: 12.34 },
				{ patient_id: 999999, practice_id: practice, date_of_service: '2024-03-15', amount: 1 },
				{ patient_id: bob, practice_id: practice, date_of_service: 'next tuesday', amount: 2 },
				{ patient_id: bob, practice_id: practice, date_of_service: '2024-03-16', amount: '45.50' },
				{ patient_id: ann, practice_id: 888888, date_of_service: '2024-03-17', amount: 3 },
				{ patient_id: ann, practice_id: practice, date_of_service: '2024-03-18', amount: -5 },
			];

			const { status, answer, execution } = await run(continuing, { rows });

			expect(status).toBe(200);
			expect(execution.status).toBe('success');
			const output = nodeOutput(execution, 'Assign Balance');
			expect(output.map(pairedIndex)).toEqual([0, 1, 2, 3, 4, 5]);
			const summary = output.map(({ json }) => (json.error === undefined ? { amount_cents: json.amount_cents, patient_id: json.patient_id } : { error: json.error }));
			expect(summary).toEqual([
				{ amount_cents: 1234, patient_id: ann },
				{ error: expect.stringContaining('patient_id must exist') },
				{ error: expect.stringContaining('"Date of Service" must be a date in the form YYYY-MM-DD (got "next tuesday")') },
				{ amount_cents: 4550, patient_id: bob },
				{ error: expect.stringContaining('practice_id must exist') },
				{ error: expect.stringContaining('"Amount" must be a number of 0 or more (got "-5")') },
			]);
			expect(output[1].json.httpCode).toBe('422');
			expect(answer).toHaveLength(6);

			expect(await balanceOf(ann)).toBe(1234);
			expect(await balanceOf(bob)).toBe(4550);
			expect((await invoicePosts()).map((r) => r.status)).toEqual([201, 422, 201, 422]);
		});
	});
});
