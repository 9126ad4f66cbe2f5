/**
 * The UI description of the enterprise, practice, doctor, patient and balance operations: what
 * n8n's lint cannot see because the lists are built in code (sorted options, defaults, money
 * wording, the fields each Create and Update offers).
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { findOperation, resources } from '../../nodes/InboxHealth/actions/resources';
import { TIME_ZONES } from '../../nodes/InboxHealth/helpers/recordFields';
import { InboxHealth } from '../../nodes/InboxHealth/InboxHealth.node';

const MINE = ['enterprise', 'practice', 'doctor', 'patient', 'balance'];

function operationsOf(resource: string) {
	return resources.find((definition) => definition.option.value === resource)?.operations ?? [];
}

function property(resource: string, operation: string, name: string): INodeProperties {
	const found = findOperation(resource, operation)?.properties.find((p) => p.name === name);
	if (!found) throw new Error(`${resource}.${operation} has no ${name}`);
	return found;
}

function collectionNames(resource: string, operation: string, name: string): string[] {
	return (property(resource, operation, name).options as INodeProperties[]).map((option) => option.name);
}

/** Every property, including those inside collections and fixed collections. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((p) => {
		const nested = (p.options ?? []).flatMap((option) => {
			if ('values' in option) return allProperties((option as INodePropertyCollection).values);
			if ('type' in option) return allProperties([option as INodeProperties]);
			return [];
		});
		return [p, ...nested];
	});
}

const sortedByName = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));

describe('operations', () => {
	it('offers the operations of the brief, with sentence-case actions', () => {
		const values = Object.fromEntries(MINE.map((r) => [r, operationsOf(r).map((o) => o.option.value).sort()]));
		expect(values).toEqual({
			enterprise: ['create', 'get', 'getAll', 'getDoctors', 'getPatients', 'getPractices', 'update'],
			practice: ['create', 'delete', 'get', 'getAll', 'getDoctors', 'getInvoices', 'getPracticeUsers', 'getUsers', 'update'],
			doctor: ['create', 'delete', 'get', 'getAll', 'getInvoices', 'getPractices', 'getShifts', 'update'],
			patient: ['create', 'get', 'getAll', 'getInvoices', 'getNotifications', 'getPaymentInfos', 'getPayments', 'update'],
			balance: ['assign'],
		});
		for (const resource of MINE) {
			for (const { option } of operationsOf(resource)) {
				expect(option.action).toMatch(/^[A-Z][a-z]+( [a-z']+)+$/);
				// n8n style: one sentence without a final period, several sentences with one
				const sentences = option.description.split(/(?<=\.) (?=[A-Z])/).length;
				expect(option.description.endsWith('.')).toBe(sentences > 1);
			}
		}
		expect(findOperation('balance', 'assign')?.option.action).toBe('Assign a balance to a patient');
	});

	it('gives every property a default and sorts every generated option list', () => {
		for (const resource of MINE) {
			for (const operation of operationsOf(resource)) {
				for (const p of allProperties(operation.properties)) {
					expect({ where: `${resource}.${operation.option.value}.${p.name}`, hasDefault: 'default' in p }).toEqual({
						where: `${resource}.${operation.option.value}.${p.name}`,
						hasDefault: true,
					});
					if (p.type === 'collection') {
						const names = (p.options as INodeProperties[]).map((o) => o.displayName);
						expect(names).toEqual(sortedByName(names));
					}
					if (p.type === 'options' && p.name !== 'sort' && p.name !== 'time_zone') {
						const names = (p.options as INodePropertyOptions[]).map((o) => o.name);
						expect(names).toEqual(sortedByName(names));
					}
				}
			}
		}
	});

	it('says "in cents" wherever a field holds cents', () => {
		for (const resource of MINE) {
			for (const operation of operationsOf(resource)) {
				for (const p of allProperties(operation.properties)) {
					if (p.name.endsWith('_cents')) expect(`${p.displayName} ${p.description}`).toMatch(/in cents/i);
				}
			}
		}
	});

	it('builds the node description with the five resources', () => {
		const node = new InboxHealth();
		const resourceOptions = node.description.properties.find((p) => p.name === 'resource')
			?.options as INodePropertyOptions[];
		expect(resourceOptions.map((o) => o.value)).toEqual(expect.arrayContaining(MINE));
	});
});

describe('fields', () => {
	it('lists the US Rails time zones, Eastern by default', () => {
		expect(TIME_ZONES).toEqual(expect.arrayContaining([
			'Eastern Time (US & Canada)',
			'Central Time (US & Canada)',
			'Mountain Time (US & Canada)',
			'Pacific Time (US & Canada)',
			'Alaska',
			'Hawaii',
			'Arizona',
			'Indiana (East)',
		]));
		expect(property('practice', 'create', 'additionalFields').options).toContainEqual(
			expect.objectContaining({ name: 'time_zone', default: 'Eastern Time (US & Canada)' }),
		);
	});

	it('offers every documented enterprise field', () => {
		expect(collectionNames('enterprise', 'create', 'additionalFields')).toEqual(
			expect.arrayContaining([
				'address_line_1',
				'address_line_2',
				'city',
				'state',
				'zip',
				'support_phone_number',
				'sales_tax',
				'default_quick_pay_description',
				'logo_background_color',
				'statement_descriptor',
				'time_zone',
				'color_statements',
				'first_class',
				'return_envelope',
				'perforation',
			]),
		);
	});

	it('offers every documented doctor field', () => {
		expect(collectionNames('doctor', 'create', 'additionalFields')).toEqual(
			expect.arrayContaining([
				'middle_name',
				'phone',
				'email',
				'specialty',
				'suffix',
				'certification',
				'npi',
				'status',
				'provider_code',
				'practice_ids',
			]),
		);
	});

	it('offers every documented patient field, and billing statuses as a list', () => {
		const patientFields = [
			'middle_name',
			'phone',
			'cell_phone',
			'secondary_phone',
			'work_phone',
			'home_phone',
			'address_line_1',
			'address_line_2',
			'city',
			'state',
			'zip',
			'ssn',
			'primary',
			'removed',
			'health_record_id',
			'language',
			'contact_preference',
			'sms_opt_out',
			'phone_opt_out',
			'allow_self_directed_payment_plan',
			'notes',
			'billing_status',
		];
		expect(collectionNames('patient', 'create', 'additionalFields')).toEqual(expect.arrayContaining(patientFields));
		expect(collectionNames('patient', 'update', 'updateFields')).toEqual(
			expect.arrayContaining([...patientFields, 'first_name', 'last_name', 'date_of_birth', 'sex', 'email']),
		);
		const billingStatus = (property('patient', 'create', 'additionalFields').options as INodeProperties[]).find(
			(p) => p.name === 'billing_status',
		);
		expect((billingStatus?.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual(
			['billable', 'collections', 'complete', 'excluded', 'no_response', 'scheduled'],
		);
		const ssn = (property('patient', 'create', 'additionalFields').options as INodeProperties[]).find((p) => p.name === 'ssn');
		expect(ssn?.typeOptions?.password).toBe(true);
	});

	it('takes the balance amount in currency units by default', () => {
		const unit = property('balance', 'assign', 'amountUnit');
		expect(unit.default).toBe('units');
		expect((unit.options as INodePropertyOptions[]).map((o) => o.value)).toEqual(['cents', 'units']);
		expect(property('balance', 'assign', 'doctorId').required).toBe(false);
		expect(property('balance', 'assign', 'patientId').required).toBe(true);
	});
});
