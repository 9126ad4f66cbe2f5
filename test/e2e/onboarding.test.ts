/**
 * Mission flows in a real n8n 2.41 server against the sandbox: onboarding a clinic
 * (examples/02-onboard-clinic.json) and assigning balances from spreadsheet rows
 * (examples/03-assign-balances-from-sheet.json). The tests import the example files
 * themselves, fire their production webhooks and check what the sandbox holds afterwards.
 */
import type { Workflow } from '../../scripts/n8n';
import {
	importExample,
	latestExecution,
	nodeOutput,
	pairedIndex,
	postJson,
	removeWorkflow,
	useE2e,
	type Json,
} from './support';

jest.setTimeout(120_000);

const env = useE2e();

interface Listed<T> {
	[root: string]: T[];
}
type Row = Json & { id: number };

async function list(path: string, root: string): Promise<Row[]> {
	const separator = path.includes('?') ? '&' : '?';
	return (await env.sandbox().api<Listed<Row>>('GET', `${path}${separator}per_page=100`))[root];
}

beforeEach(async () => {
	await env.sandbox().reset();
});

describe('onboarding a clinic (examples/02-onboard-clinic.json)', () => {
	let workflow: Workflow;
	let webhookUrl: string;

	beforeAll(async () => {
		const imported = await importExample(env, '02-onboard-clinic');
		workflow = imported.workflow;
		webhookUrl = imported.webhookUrl!;
	});
	afterAll(async () => removeWorkflow(env.n8n(), workflow.id));

	const patients = Array.from({ length: 10 }, (_, i) => ({
		first_name: `Pat${String.fromCharCode(65 + i)}`,
		last_name: `Testperson${i + 1}`,
		date_of_birth: `198${i}-0${(i % 9) + 1}-2${i % 8}`,
		email: `pat${i + 1}@example.com`,
		date_of_service: `2024-05-${String(i + 1).padStart(2, '0')}`,
		// Currency units, including ones that are not exact in binary floating point.
		balance: [12.34, 0.1, 99.99, 150, 0.29, 1234.56, 7.05, 45.5, 0.01, 300.1][i],
	}));
	const body = { enterprise_name: 'E2E Riverside Family Health', practices: ['E2E Main Street', 'E2E Lakeside'], patients };

	test('one webhook call creates 1 enterprise, 2 practices, 10 patients and 10 invoices, each patient owing the amount assigned', async () => {
		const answer = await postJson(webhookUrl, body);
		expect({ status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({ status: 200, text: '' });

		const enterprises = await list('/enterprises', 'enterprises');
		expect(enterprises.map((e) => e.name)).toEqual(['E2E Riverside Family Health']);
		const enterpriseId = enterprises[0].id;

		const practices = await list('/practices', 'practices');
		expect(practices.map((p) => p.name).sort()).toEqual(['E2E Lakeside', 'E2E Main Street']);
		expect(practices.every((p) => p.enterprise_id === enterpriseId)).toBe(true);

		const storedPatients = await list('/patients', 'patients');
		expect(storedPatients).toHaveLength(10);
		const invoices = await list('/invoices', 'invoices');
		expect(invoices).toHaveLength(10);

		const practiceIds = practices.map((p) => p.id).sort((a, b) => a - b);
		for (const [i, input] of patients.entries()) {
			const patient = storedPatients.find((p) => p.first_name === input.first_name && p.last_name === input.last_name);
			expect(patient).toMatchObject({ enterprise_id: enterpriseId, date_of_birth: input.date_of_birth, email: input.email });
			const expectedCents = Math.round(input.balance * 100);
			// Read the patient again: the balance the API reports now.
			const fresh = (await env.sandbox().api<{ patient: Row }>('GET', `/patients/${patient!.id}`)).patient;
			expect({ patient: input.first_name, balance_cents: fresh.balance_cents }).toEqual({ patient: input.first_name, balance_cents: expectedCents });
			const own = invoices.filter((invoice) => invoice.patient_id === patient!.id);
			expect(own).toHaveLength(1);
			expect(own[0]).toMatchObject({ date_of_service: input.date_of_service, balance_cents: expectedCents, estimate: false });
			// Practices are handed out in turn by the Code node.
			expect(own[0].practice_id).toBe(practiceIds[i % 2]);
		}

		// The webhook answers with the last node's items: one per patient, paired in order.
		const items = answer.body as Json[];
		expect(items).toHaveLength(10);
		expect(items.map((item) => item.amount_cents)).toEqual(patients.map((p) => Math.round(p.balance * 100)));
		expect(items.map((item) => item.patient_balance_cents)).toEqual(patients.map((p) => Math.round(p.balance * 100)));

		const execution = await latestExecution(env.n8n(), workflow.id, 1);
		expect(execution.status).toBe('success');
		const assigned = nodeOutput(execution, 'Assign Balance');
		expect(assigned.map(pairedIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	});

	test('with an empty body, ten made-up patients are onboarded with their balances', async () => {
		const before = (await env.n8n().executions({ workflowId: workflow.id })).length;
		const answer = await postJson(webhookUrl, {});
		expect({ status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({ status: 200, text: '' });

		expect(await list('/enterprises', 'enterprises')).toHaveLength(1);
		expect(await list('/practices', 'practices')).toHaveLength(2);
		const storedPatients = await list('/patients', 'patients');
		expect(storedPatients).toHaveLength(10);
		expect(await list('/invoices', 'invoices')).toHaveLength(10);
		const items = answer.body as Json[];
		const byPatient = new Map(items.map((item) => [item.patient_id, item.amount_cents]));
		for (const patient of storedPatients) {
			expect(patient.balance_cents).toBeGreaterThan(0);
			expect(patient.balance_cents).toBe(byPatient.get(patient.id));
		}
		const execution = await latestExecution(env.n8n(), workflow.id, before + 1);
		expect(execution.status).toBe('success');
	});
});

describe('assigning balances from spreadsheet rows (examples/03-assign-balances-from-sheet.json)', () => {
	let workflow: Workflow;
	let webhookUrl: string;

	beforeAll(async () => {
		const imported = await importExample(env, '03-assign-balances-from-sheet');
		workflow = imported.workflow;
		webhookUrl = imported.webhookUrl!;
	});
	afterAll(async () => removeWorkflow(env.n8n(), workflow.id));

	test('each row becomes an invoice and every patient ends up owing the sum of their rows', async () => {
		const sandbox = env.sandbox();
		const enterprise = (
			await sandbox.api<{ enterprise: Row }>('POST', '/enterprises', {
				enterprise: { name: 'E2E Sheet Clinic', practices_attributes: [{ name: 'E2E North' }, { name: 'E2E South' }] },
			})
		).enterprise;
		const [north, south] = await list(`/enterprises/${enterprise.id}/practices`, 'practices');
		const patientIds: number[] = [];
		for (const name of ['Ann', 'Bob', 'Cy']) {
			const created = await sandbox.api<{ patient: Row }>('POST', '/patients', {
				patient: { enterprise_id: enterprise.id, first_name: name, last_name: 'Sheet', date_of_birth: '1990-01-01' },
			});
			patientIds.push(created.patient.id);
		}
		const [ann, bob, cy] = patientIds;
		// As a sheet export gives them: ids and amounts as text or numbers, dollars with cents.
		const rows = [
			{ patient_id: ann, practice_id: north.id, date_of_service: '2024-03-15', amount: 12.34, description: 'Office visit' },
			{ patient_id: String(bob), practice_id: String(south.id), date_of_service: '2024-03-16', amount: '45.50' },
			{ patient_id: cy, practice_id: north.id, date_of_service: '2024-03-17', amount: 0.99 },
			{ patient_id: ann, practice_id: south.id, date_of_service: '2024-04-01', amount: 10 },
		];

		const answer = await postJson(webhookUrl, { rows });
		expect({ status: answer.status, text: answer.status === 200 ? '' : answer.text }).toEqual({ status: 200, text: '' });

		const balances = new Map<number, unknown>();
		for (const id of patientIds) {
			balances.set(id, (await sandbox.api<{ patient: Row }>('GET', `/patients/${id}`)).patient.balance_cents);
		}
		expect(Object.fromEntries(balances)).toEqual({ [ann]: 2234, [bob]: 4550, [cy]: 99 });

		const invoices = await list('/invoices', 'invoices');
		expect(
			invoices.map((i) => [i.patient_id, i.practice_id, i.date_of_service, i.balance_cents]).sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
		).toEqual([
			[ann, north.id, '2024-03-15', 1234],
			[bob, south.id, '2024-03-16', 4550],
			[cy, north.id, '2024-03-17', 99],
			[ann, south.id, '2024-04-01', 1000],
		]);
		const lineItems = (await sandbox.requests()).filter((r) => r.method === 'POST' && /\/invoices$/.test(r.path));
		expect(lineItems.map((r) => ((r.body?.invoice as Json).line_items_attributes as Json[])[0].description)).toEqual([
			'Office visit',
			undefined,
			undefined,
			undefined,
		]);

		// One output item per row, in order, with the balance after that row.
		const items = answer.body as Json[];
		expect(items.map((item) => [item.patient_id, item.amount_cents, item.patient_balance_cents])).toEqual([
			[ann, 1234, 1234],
			[bob, 4550, 4550],
			[cy, 99, 99],
			[ann, 1000, 2234],
		]);
		const execution = await latestExecution(env.n8n(), workflow.id, 1);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Assign Balance').map(pairedIndex)).toEqual([0, 1, 2, 3]);
	});
});
