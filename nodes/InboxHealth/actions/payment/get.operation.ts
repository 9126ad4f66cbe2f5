import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a payment',
		description: 'Retrieve a payment with its applied and unapplied amounts',
	},
	properties: [idField('paymentId', 'Payment ID', 'ID of the payment to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'paymentId', itemIndex, 'Payment ID');
		return await getRecord.call(this, `/payments/${id}`, 'payment', itemIndex);
	},
};
