import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { deleteRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';

export const deleteInvoice: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an invoice',
		description: 'Delete an invoice with its line items and invoice payments',
	},
	properties: [locator('invoice', { description: 'The invoice to delete' })],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'invoiceId', itemIndex, 'Invoice');
		return await deleteRecord.call(this, `/invoices/${id}`, itemIndex);
	},
};
