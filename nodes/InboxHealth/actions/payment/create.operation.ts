import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locator, locatorId, optionalLocatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireCents } from '../../helpers/validation';
import type { OperationDefinition } from '../types';
import { paymentMethodFields, paymentMethodValue } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a payment',
		description: 'Record money received from a patient, optionally applying it to an invoice',
	},
	properties: [
		locator('patient', { description: 'The patient who paid' }),
		{
			displayName: 'Amount (Cents)',
			name: 'expectedAmountCents',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description: 'Amount of the payment, in cents (sent as expected_amount_cents)',
		},
		...paymentMethodFields(),
		locator('invoice', {
			required: false,
			description:
				'The invoice the payment is for (optional), sent as the top-level invoice_id; needed to apply the payment',
		}),
		{
			displayName: 'Apply Payment',
			name: 'applyPayment',
			type: 'boolean',
			default: false,
			description:
				"Whether to apply the whole payment to the invoice right away (through an invoice payment), which lowers the invoice's balance; needs an invoice",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Description of the payment',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const patientId = locatorId.call(this, 'patientId', itemIndex, 'Patient');
		const amount = requireCents.call(
			this,
			this.getNodeParameter('expectedAmountCents', itemIndex, 0),
			'Amount (Cents)',
			itemIndex,
		);
		const method = paymentMethodValue.call(
			this,
			this.getNodeParameter('paymentMethodType', itemIndex, ''),
			this.getNodeParameter('paymentMethodTypeCustom', itemIndex, ''),
			itemIndex,
		);
		const invoiceId = optionalLocatorId.call(this, 'invoiceId', itemIndex, 'Invoice');
		const applyPayment = this.getNodeParameter('applyPayment', itemIndex, false) as boolean;
		if (applyPayment && invoiceId === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				'"Invoice" is required when "Apply Payment" is on: choose the invoice the payment is applied to',
				{ itemIndex },
			);
		}
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const description = String(additional.description ?? '').trim();
		const payment: IDataObject = {
			patient_id: patientId,
			expected_amount_cents: amount,
			payment_method_type: method,
			...(description ? { description } : {}),
			apply_payment: applyPayment,
		};
		return await sendRecord.call(this, 'POST', '/payments', 'payment', payment, {
			extra: invoiceId !== undefined ? { invoice_id: invoiceId } : {},
			itemIndex,
		});
	},
};
