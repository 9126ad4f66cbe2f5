import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import { simplifyIfAsked, simplifyProperty } from '../../helpers/simplify';
import { PATIENT_SIMPLE_FIELDS } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';
import { billingStatusOptions } from './fields';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many patients',
		description: 'List patients, optionally filtered by name, email, health record ID or billing status',
	},
	properties: [
		...getManyProperties({
			noun: 'patients',
			filters: [
				{
					displayName: 'Billing Status',
					name: 'billing_status',
					type: 'options',
					options: billingStatusOptions,
					default: 'billable',
				},
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					default: '',
					placeholder: 'name@email.com',
					description: "Part of the patient's email address",
				},
				{
					displayName: 'Enterprise ID',
					name: 'enterprise_id',
					type: 'string',
					default: '',
					placeholder: 'e.g. 123',
					description: 'Only patients of this enterprise',
				},
				{
					displayName: 'First Name',
					name: 'first_name',
					type: 'string',
					default: '',
					description: "Part of the patient's first name",
				},
				{
					displayName: 'Health Record ID',
					name: 'health_record_id',
					type: 'string',
					default: '',
					description: "The patient's ID in your EHR or practice-management system",
				},
				{
					displayName: 'Last Name',
					name: 'last_name',
					type: 'string',
					default: '',
					description: "Part of the patient's last name",
				},
			],
			sortFields: [
				{ name: 'Balance', value: 'balance_cents' },
				{ name: 'Created At', value: 'created_at' },
				{ name: 'Date of Birth', value: 'date_of_birth' },
				{ name: 'First Name', value: 'first_name' },
				{ name: 'Last Name', value: 'last_name' },
				{ name: 'Updated At', value: 'updated_at' },
			],
		}),
		simplifyProperty,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const patients = await getMany.call(this, itemIndex, '/patients');
		return simplifyIfAsked.call(this, itemIndex, patients, PATIENT_SIMPLE_FIELDS);
	},
};
