import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many payments',
		description: 'List payments, optionally filtered by patient, invoice, method type or status',
	},
	properties: getManyProperties({
		noun: 'payments',
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
				displayName: 'Payment Method Type',
				name: 'payment_method_type',
				type: 'string',
				default: '',
				placeholder: 'e.g. external_card',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. voided',
			},
		],
		sortFields: [
			{ name: 'Amount', value: 'expected_amount_cents' },
			{ name: 'Created At', value: 'created_at' },
			{ name: 'Updated At', value: 'updated_at' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/payments');
	},
};
