import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many invoices',
		description: 'List invoices, optionally filtered by patient, practice, doctor or date of service',
	},
	properties: getManyProperties({
		noun: 'invoices',
		filters: [
			{
				displayName: 'Date of Service',
				name: 'date_of_service',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2024-03-15',
				description: 'Date of service (YYYY-MM-DD)',
			},
			{
				displayName: 'Doctor ID',
				name: 'doctor_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
			{
				displayName: 'Estimate',
				name: 'estimate',
				type: 'boolean',
				default: false,
				description: 'Whether to return only estimates (on) or only real invoices (off)',
			},
			{
				displayName: 'Patient ID',
				name: 'patient_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
			{
				displayName: 'Practice ID',
				name: 'practice_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
		],
		sortFields: [
			{ name: 'Balance', value: 'balance_cents' },
			{ name: 'Created At', value: 'created_at' },
			{ name: 'Date of Service', value: 'date_of_service' },
			{ name: 'Updated At', value: 'updated_at' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/invoices');
	},
};
