import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireCents } from '../../helpers/validation';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';
import { paymentReasonsAttributes, paymentReasonsField } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an invoice payment',
		description: "Apply (part of) a payment to an invoice, which lowers the invoice's balance",
	},
	properties: [
		idField('paymentId', 'Payment ID', 'ID of the payment to apply'),
		locator('invoice', { description: 'The invoice the payment is applied to (of the same patient)' }),
		{
			displayName: 'Paid Amount (Cents)',
			name: 'paidAmountCents',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description:
				'Part of the payment applied to the invoice, in cents (at most what is still unapplied of the payment)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [paymentReasonsField],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const paymentId = idParameter.call(this, 'paymentId', itemIndex, 'Payment ID');
		const invoiceId = locatorId.call(this, 'invoiceId', itemIndex, 'Invoice');
		const paid = requireCents.call(
			this,
			this.getNodeParameter('paidAmountCents', itemIndex, 0),
			'Paid Amount (Cents)',
			itemIndex,
		);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const reasons = paymentReasonsAttributes.call(this, additional.paymentReasonIds, itemIndex);
		const record: IDataObject = {
			payment_id: paymentId,
			invoice_id: invoiceId,
			paid_amount_cents: paid,
			...(reasons.length > 0 ? { payment_reasons_invoice_payments_attributes: reasons } : {}),
		};
		return await sendRecord.call(this, 'POST', '/invoice_payments', 'invoice_payment', record, {
			itemIndex,
		});
	},
};
