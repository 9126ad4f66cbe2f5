import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { cleanFields, idField, idParameter, requireSomethingToUpdate } from '../../helpers/fields';
import type { OperationDefinition } from '../types';
import { codeFields } from './fields';

const fields = codeFields('payment reason');

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a payment reason',
		description: "Change a payment reason's code or description",
	},
	properties: [
		idField('paymentReasonId', 'Payment Reason ID', 'ID of the payment reason to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [{ ...fields.code, required: false }, fields.description],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'paymentReasonId', itemIndex, 'Payment Reason ID');
		const record = cleanFields.call(
			this,
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
			itemIndex,
			{ code: 'Code', description: 'Description' },
		);
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/payment_reasons/${id}`, 'payment_reason', record, {
			extra: { id },
			itemIndex,
		});
	},
};
