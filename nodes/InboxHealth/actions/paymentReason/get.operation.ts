import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a payment reason',
		description: 'Retrieve one payment reason',
	},
	properties: [idField('paymentReasonId', 'Payment Reason ID', 'ID of the payment reason to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'paymentReasonId', itemIndex, 'Payment Reason ID');
		return await getRecord.call(this, `/payment_reasons/${id}`, 'payment_reason', itemIndex);
	},
};
