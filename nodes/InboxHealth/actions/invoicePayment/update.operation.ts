import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { requireCents } from '../../helpers/validation';
import { idField, idParameter, requireSomethingToUpdate } from '../../helpers/fields';
import type { OperationDefinition } from '../types';
import { paymentReasonsAttributes, paymentReasonsField } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an invoice payment',
		description: 'Change how much of a payment is applied to the invoice, or add payment reasons',
	},
	properties: [
		idField('invoicePaymentId', 'Invoice Payment ID', 'ID of the invoice payment to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Paid Amount (Cents)',
					name: 'paid_amount_cents',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 0 },
					default: 0,
					description: 'Part of the payment applied to the invoice, in cents',
				},
				{
					...paymentReasonsField,
					description:
						'Comma-separated IDs of payment reasons to add, sent as payment_reasons_invoice_payments_attributes',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'invoicePaymentId', itemIndex, 'Invoice Payment ID');
		const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const record: IDataObject = {};
		if (values.paid_amount_cents !== undefined) {
			record.paid_amount_cents = requireCents.call(
				this,
				values.paid_amount_cents,
				'Paid Amount (Cents)',
				itemIndex,
			);
		}
		const reasons = paymentReasonsAttributes.call(this, values.paymentReasonIds, itemIndex);
		if (reasons.length > 0) record.payment_reasons_invoice_payments_attributes = reasons;
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/invoice_payments/${id}`, 'invoice_payment', record, {
			extra: { id },
			itemIndex,
		});
	},
};
