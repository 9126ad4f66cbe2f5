import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { idField, idParameter, requireSomethingToUpdate } from '../../helpers/fields';
import type { OperationDefinition } from '../types';
import { buildLineItem, lineItemFields } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a line item',
		description: "Change a line item's charge, covered or insurance-owed amount, or description",
	},
	properties: [
		idField('lineItemId', 'Line Item ID', 'ID of the line item to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: lineItemFields(),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'lineItemId', itemIndex, 'Line Item ID');
		const record = buildLineItem.call(
			this,
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/line_items/${id}`, 'line_item', record, {
			extra: { id },
			itemIndex,
		});
	},
};
