import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { lineItemsAttributes, lineItemsCollection } from '../lineItem/fields';
import type { OperationDefinition } from '../types';
import { invoiceFields, invoiceHeader, invoiceOptionalFields } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an invoice',
		description: 'Bill a patient for one date of service, with its line items',
	},
	properties: [
		locator('patient', { description: 'The patient the invoice bills' }),
		locator('practice', { description: 'The practice that provided the services' }),
		{
			displayName: 'Date of Service',
			name: 'dateOfService',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'Date the services were provided (YYYY-MM-DD)',
		},
		locator('doctor', {
			required: false,
			description: 'The doctor who provided the services (optional)',
		}),
		lineItemsCollection(),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: invoiceOptionalFields(),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const header = invoiceHeader.call(this, itemIndex);
		const dateOfService = header.date_of_service;
		const lineItems = lineItemsAttributes.call(this, itemIndex, dateOfService);
		const { record, extra } = invoiceFields.call(
			this,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		const invoice: IDataObject = {
			...header,
			...record,
			...(lineItems.length > 0 ? { line_items_attributes: lineItems } : {}),
		};
		return await sendRecord.call(this, 'POST', '/invoices', 'invoice', invoice, { extra, itemIndex });
	},
};
