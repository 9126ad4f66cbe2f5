import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { requireCents } from '../../helpers/validation';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a payment adjustment',
		description: 'Void a payment (restoring the balance) or record a refund of it (balances unchanged)',
	},
	properties: [
		idField('paymentId', 'Payment ID', 'ID of the payment to void or refund'),
		{
			displayName: 'Type',
			name: 'adjustmentType',
			type: 'options',
			required: true,
			options: [
				{
					name: 'Record Refund (Balances Unchanged)',
					value: 'refund',
					description:
						'Sends voided: false. Only records that money was given back; invoice and patient balances stay as they are.',
				},
				{
					name: 'Void Payment (Restores the Balance)',
					value: 'void',
					description:
						'Sends voided: true. Voids the whole payment: it stops counting on the invoices it was applied to, so the balance it paid off is owed again. The amount must be the full payment amount.',
				},
			],
			default: 'refund',
			description:
				'What the adjustment does, sent as the top-level "voided" key: with voided true and the full amount the payment is voided and the balance restored; with voided false only a refund is recorded and balances are left alone',
		},
		{
			displayName: 'Amount (Cents)',
			name: 'amountCents',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description:
				'Amount in cents: for a void, the full amount of the payment; for a refund, the amount refunded (at most what has not been refunded yet)',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const paymentId = idParameter.call(this, 'paymentId', itemIndex, 'Payment ID');
		const type = this.getNodeParameter('adjustmentType', itemIndex, 'refund') as string;
		if (type !== 'void' && type !== 'refund') {
			throw new NodeOperationError(
				this.getNode(),
				`"Type" must be "Void Payment" or "Record Refund" (got "${type}")`,
				{ itemIndex },
			);
		}
		const amount = requireCents.call(
			this,
			this.getNodeParameter('amountCents', itemIndex, 0),
			'Amount (Cents)',
			itemIndex,
		);
		return await sendRecord.call(
			this,
			'POST',
			'/payment_adjustments',
			'payment_adjustment',
			{ payment_id: paymentId, amount_cents: amount },
			{ extra: { voided: type === 'void' }, itemIndex },
		);
	},
};
