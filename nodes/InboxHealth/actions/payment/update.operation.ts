import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { cleanFields, idField, idParameter, requireSomethingToUpdate } from '../../helpers/fields';
import type { OperationDefinition } from '../types';
import { paymentMethodFields, paymentMethodFromCollection } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a payment',
		description: "Change a payment's description, amount or method type",
	},
	properties: [
		idField('paymentId', 'Payment ID', 'ID of the payment to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: ([
				{
					displayName: 'Amount (Cents)',
					name: 'expected_amount_cents',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 0 },
					default: 0,
					description: 'Amount of the payment, in cents (sent as expected_amount_cents)',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Description of the payment',
				},
				...paymentMethodFields({ collection: true }),
			] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'paymentId', itemIndex, 'Payment ID');
		const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const record = cleanFields.call(
			this,
			values,
			itemIndex,
			{ expected_amount_cents: 'Amount (Cents)', description: 'Description' },
			{ skip: ['paymentMethodType', 'paymentMethodTypeCustom'] },
		);
		const method = paymentMethodFromCollection.call(this, values, itemIndex);
		if (method !== undefined) record.payment_method_type = method;
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/payments/${id}`, 'payment', record, {
			extra: { id },
			itemIndex,
		});
	},
};
