import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { getRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an invoice',
		description: 'Retrieve an invoice with its totals and balance',
	},
	properties: [locator('invoice', { description: 'The invoice to retrieve' })],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'invoiceId', itemIndex, 'Invoice');
		return await getRecord.call(this, `/invoices/${id}`, 'invoice', itemIndex);
	},
};
