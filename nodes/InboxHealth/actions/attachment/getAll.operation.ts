import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many attachments',
		description: 'List attachments, optionally filtered by enterprise, patient or category',
	},
	properties: getManyProperties({
		noun: 'attachments',
		filters: [
			{ displayName: 'Category', name: 'category', type: 'string', default: '' },
			{ displayName: 'Display Name', name: 'display_name', type: 'string', default: '' },
			{
				displayName: 'Enterprise ID',
				name: 'enterprise_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
			{
				displayName: 'MIME Type',
				name: 'mime_type',
				type: 'string',
				default: '',
				placeholder: 'e.g. application/pdf',
			},
			{
				displayName: 'Patient ID',
				name: 'patient_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
		],
		sortFields: [
			{ name: 'Category', value: 'category' },
			{ name: 'Created At', value: 'created_at' },
			{ name: 'Display Name', value: 'display_name' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/attachments');
	},
};
