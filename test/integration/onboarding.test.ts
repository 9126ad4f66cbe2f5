/**
 * The onboarding story in one workflow run, as a partner builds it in n8n: create an enterprise
 * with a practice, create a patient in it, assign the patient a balance, read the patient back.
 * Later nodes take their IDs from earlier nodes with expressions.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { actionNode, chain, registerNodeType, runWorkflow } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

/** Stands in for the trigger or spreadsheet a real workflow starts from: passes its items on, paired. */
class Start implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Start',
		name: 'testStart',
		group: ['input'],
		version: 1,
		description: 'Test-only',
		defaults: { name: 'Start' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

const START_TYPE = 'test.start';
registerNodeType(START_TYPE, new Start());

const startNode = {
	id: 'start',
	name: 'Start',
	type: START_TYPE,
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

beforeEach(async () => {
	await sandbox().reset();
});

describe('onboarding in one workflow run', () => {
	it('creates an enterprise with a practice, a patient, assigns 12.34 and reads balance_cents 1234', async () => {
		const workflow = chain([
			actionNode(
				{
					resource: 'enterprise',
					operation: 'create',
					name: 'Mental Health Medical',
					practices: { practice: [{ name: 'Main Office', city: 'New Haven', state: 'CT' }] },
					additionalFields: { time_zone: 'Eastern Time (US & Canada)' },
				},
				{ name: 'Create Enterprise' },
			),
			actionNode(
				{
					resource: 'patient',
					operation: 'create',
					enterpriseId: rl('={{ $json.id }}'),
					firstName: 'Luigi',
					lastName: 'Mario',
					dateOfBirth: '1984-12-25',
					sex: 'M',
					email: 'luigi@inboxhealth.com',
				},
				{ name: 'Create Patient' },
			),
			actionNode(
				{
					resource: 'balance',
					operation: 'assign',
					patientId: rl('={{ $json.id }}'),
					practiceId: rl("={{ $('Create Enterprise').item.json.practices[0].id }}"),
					dateOfService: '2024-03-03',
					amount: 12.34,
					amountUnit: 'units',
					description: 'Office visit',
				},
				{ name: 'Assign Balance' },
			),
			actionNode(
				{
					resource: 'patient',
					operation: 'get',
					patientId: rl("={{ $('Create Patient').item.json.id }}"),
				},
				{ name: 'Get Patient' },
			),
		]);
		const result = await runWorkflow(workflow, { credentials: sandbox().credentials() });
		expect(result.error).toBeUndefined();

		const [enterprise] = result.output('Create Enterprise').map((item) => item.json);
		const practice = (enterprise.practices as IDataObject[])[0];
		expect(practice).toMatchObject({ name: 'Main Office', enterprise_id: enterprise.id });
		const [patient] = result.output('Create Patient').map((item) => item.json);
		expect(patient).toMatchObject({ enterprise_id: enterprise.id, first_name: 'Luigi', balance_cents: 0 });
		const [assigned] = result.output('Assign Balance').map((item) => item.json);
		expect(assigned).toMatchObject({ patient_id: patient.id, amount_cents: 1234, patient_balance_cents: 1234 });
		expect(assigned.invoice).toMatchObject({ practice_id: practice.id, patient_id: patient.id });
		const got = result.output('Get Patient');
		expect(got).toHaveLength(1);
		expect(got[0].json).toMatchObject({ id: patient.id, balance_cents: 1234 });

		const requests = (await sandbox().requests()).map((request) => `${request.method} ${request.path} ${request.status}`);
		expect(requests).toEqual([
			'POST /partner/v2/enterprises 201',
			'POST /partner/v2/patients 201',
			'POST /partner/v2/invoices 201',
			`GET /partner/v2/patients/${String(patient.id)} 200`,
			`GET /partner/v2/patients/${String(patient.id)} 200`,
		]);
		const state = await sandbox().api<{ patient: IDataObject }>('GET', `/patients/${String(patient.id)}`);
		expect(state.patient.balance_cents).toBe(1234);
	});

	it('onboards 20 patients with their balances from 20 input items', async () => {
		const enterprise = (
			await sandbox().api<{ enterprise: IDataObject }>('POST', '/enterprises', { enterprise: { name: 'Bulk Clinic' } })
		).enterprise;
		const practiceId = (enterprise.practices as IDataObject[])[0].id as number;
		await sandbox().clearRequests();

		const input = Array.from({ length: 20 }, (_, n) => ({
			first: `Patient${n + 1}`,
			last: 'Bulk',
			dob: `1980-01-${String(n + 1).padStart(2, '0')}`,
			// 1.01, 2.02, ... 20.20: amounts whose cents differ per patient
			amount: Number(((n + 1) * 1.01).toFixed(2)),
		}));
		const workflow = chain([
			startNode,
			actionNode(
				{
					resource: 'patient',
					operation: 'create',
					enterpriseId: rl(enterprise.id as number),
					firstName: '={{ $json.first }}',
					lastName: '={{ $json.last }}',
					dateOfBirth: '={{ $json.dob }}',
				},
				{ name: 'Create Patient' },
			),
			actionNode(
				{
					resource: 'balance',
					operation: 'assign',
					patientId: rl('={{ $json.id }}'),
					practiceId: rl(practiceId),
					dateOfService: '2024-06-01',
					amount: "={{ $('Start').item.json.amount }}",
					amountUnit: 'units',
					description: 'Visit',
				},
				{ name: 'Assign Balance' },
			),
			actionNode(
				{ resource: 'patient', operation: 'get', patientId: rl('={{ $json.patient_id }}') },
				{ name: 'Get Patient' },
			),
		]);
		const result = await runWorkflow(workflow, { credentials: sandbox().credentials(), input });
		expect(result.error).toBeUndefined();

		const expectedCents = input.map((_, n) => (n + 1) * 101);
		const assigned = result.output('Assign Balance').map((item) => item.json);
		expect(assigned.map((item) => item.amount_cents)).toEqual(expectedCents);
		expect(assigned.map((item) => item.patient_balance_cents)).toEqual(expectedCents);
		const got = result.output('Get Patient');
		expect(got.map((item) => [item.json.first_name, item.json.balance_cents])).toEqual(
			input.map((row, n) => [row.first, expectedCents[n]]),
		);
		expect(got.map((item) => item.pairedItem)).toEqual(input.map((_, n) => ({ item: n })));

		// The sandbox's state afterwards: 20 patients of the enterprise, one invoice each, each balance right.
		const { patients } = await sandbox().api<{ patients: IDataObject[] }>(
			'GET',
			`/enterprises/${String(enterprise.id)}/patients?per_page=100`,
		);
		expect(patients).toHaveLength(20);
		expect(patients.map((patient) => [patient.first_name, patient.date_of_birth, patient.balance_cents])).toEqual(
			input.map((row, n) => [row.first, row.dob, expectedCents[n]]),
		);
		const { invoices } = await sandbox().api<{ invoices: IDataObject[] }>('GET', '/invoices?per_page=100');
		expect(invoices).toHaveLength(20);
		expect(invoices.map((invoice) => invoice.patient_id)).toEqual(patients.map((patient) => patient.id));

		const requests = await sandbox().requests();
		const count = (method: string, pattern: RegExp) =>
			requests.filter((request) => request.method === method && pattern.test(request.path)).length;
		expect(count('POST', /^\/partner\/v2\/patients$/)).toBe(20);
		expect(count('POST', /^\/partner\/v2\/invoices$/)).toBe(20);
		expect(count('GET', /^\/partner\/v2\/patients\/\d+$/)).toBe(40);
		expect(requests.filter((request) => request.status !== 200 && request.status !== 201)).toEqual([]);
	});
});
