import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { lineItemsAttributes, lineItemsCollection } from '../lineItem/fields';
import type { OperationDefinition } from '../types';
import { invoiceFields, invoiceOptionalFields } from './fields';
import { requireSomethingToUpdate } from '../../helpers/fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an invoice',
		description: "Change an invoice's fields or add line items to it",
	},
	properties: [
		locator('invoice', { description: 'The invoice to update' }),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: invoiceOptionalFields({ update: true }),
		},
		lineItemsCollection(
			'New line items to add to the invoice (to change an existing line item, use Line Item → Update)',
		),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'invoiceId', itemIndex, 'Invoice');
		const { record, extra } = invoiceFields.call(
			this,
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		const lineItems = lineItemsAttributes.call(
			this,
			itemIndex,
			record.date_of_service as string | undefined,
		);
		const invoice: IDataObject = {
			...record,
			...(lineItems.length > 0 ? { line_items_attributes: lineItems } : {}),
		};
		requireSomethingToUpdate.call(this, { ...invoice, ...extra }, itemIndex);
		return await sendRecord.call(this, 'PUT', `/invoices/${id}`, 'invoice', invoice, {
			extra: { id, ...extra },
			itemIndex,
		});
	},
};
