import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locator } from '../../helpers/locators';
import { requireCents } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { lineItemsAttributes, lineItemsCollection } from '../lineItem/fields';
import { invoiceHeader } from '../invoice/fields';
import type { OperationDefinition } from '../types';
import { paymentMethodFields, paymentMethodValue } from './fields';

export const quickPay: OperationDefinition = {
	option: {
		name: 'Quick Pay',
		value: 'quickPay',
		action: 'Quick pay an invoice',
		description: 'Create an invoice with its line items and a payment for it in one request',
	},
	properties: [
		locator('patient', { description: 'The patient who is billed and pays' }),
		locator('practice', { description: 'The practice that provided the services' }),
		{
			displayName: 'Date of Service',
			name: 'dateOfService',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'Date the services were provided (YYYY-MM-DD)',
		},
		lineItemsCollection('The services billed on the new invoice (at least one)'),
		{
			displayName: 'Payment Amount (Cents)',
			name: 'expectedAmountCents',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description: 'Amount the patient pays, in cents (sent as the payment\'s expected_amount_cents)',
		},
		...paymentMethodFields(),
		locator('doctor', {
			required: false,
			description: 'The doctor who provided the services (optional)',
		}),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Estimate',
					name: 'estimate',
					type: 'boolean',
					default: false,
					description:
						"Whether the invoice is only an estimate (estimates do not count towards the patient's balance)",
				},
				{
					displayName: 'Invoice Notes',
					name: 'notes',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					description: 'Notes on the invoice',
				},
				{
					displayName: 'Payment Description',
					name: 'paymentDescription',
					type: 'string',
					default: '',
					description: 'Description of the payment',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const header = invoiceHeader.call(this, itemIndex);
		const dateOfService = header.date_of_service;
		const lineItems = lineItemsAttributes.call(this, itemIndex, dateOfService);
		if (lineItems.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Quick Pay needs at least one entry under "Line Items"', {
				itemIndex,
			});
		}
		const amount = requireCents.call(
			this,
			this.getNodeParameter('expectedAmountCents', itemIndex, 0),
			'Payment Amount (Cents)',
			itemIndex,
		);
		const method = paymentMethodValue.call(
			this,
			this.getNodeParameter('paymentMethodType', itemIndex, ''),
			this.getNodeParameter('paymentMethodTypeCustom', itemIndex, ''),
			itemIndex,
		);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const notes = String(additional.notes ?? '').trim();
		const description = String(additional.paymentDescription ?? '').trim();

		const invoice: IDataObject = {
			...header,
			...(additional.estimate !== undefined ? { estimate: additional.estimate === true } : {}),
			...(notes ? { notes } : {}),
			line_items_attributes: lineItems,
		};
		const payment: IDataObject = {
			patient_id: header.patient_id,
			expected_amount_cents: amount,
			payment_method_type: method,
			...(description ? { description } : {}),
		};
		return (await apiRequest.call(this, 'POST', '/payments/quick_pay', {
			body: { invoice, payment },
			itemIndex,
		})) as IDataObject;
	},
};
