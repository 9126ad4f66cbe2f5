import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an invoice payment',
		description: 'Retrieve one invoice payment (list them with Invoice → Get Invoice Payments)',
	},
	properties: [idField('invoicePaymentId', 'Invoice Payment ID', 'ID of the invoice payment to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'invoicePaymentId', itemIndex, 'Invoice Payment ID');
		return await getRecord.call(this, `/invoice_payments/${id}`, 'invoice_payment', itemIndex);
	},
};
