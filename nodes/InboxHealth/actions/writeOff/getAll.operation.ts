import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many write-offs',
		description: 'List write-offs, optionally filtered by patient, invoice or write-off code',
	},
	properties: getManyProperties({
		noun: 'write-offs',
		filters: [
			{
				displayName: 'Invoice ID',
				name: 'invoice_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
			{
				displayName: 'Patient ID',
				name: 'patient_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
			{
				displayName: 'Write-Off Code ID',
				name: 'write_off_code_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
		],
		sortFields: [
			{ name: 'Amount', value: 'amount_cents' },
			{ name: 'Created At', value: 'created_at' },
			{ name: 'Date', value: 'date' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/write_offs');
	},
};
