import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a payment adjustment',
		description: 'Retrieve one payment adjustment (a void or a refund)',
	},
	properties: [
		idField('paymentAdjustmentId', 'Payment Adjustment ID', 'ID of the payment adjustment to retrieve'),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'paymentAdjustmentId', itemIndex, 'Payment Adjustment ID');
		return await getRecord.call(this, `/payment_adjustments/${id}`, 'payment_adjustment', itemIndex);
	},
};
