import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a line item',
		description: 'Retrieve one line item (list them with Invoice → Get Line Items)',
	},
	properties: [idField('lineItemId', 'Line Item ID', 'ID of the line item to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'lineItemId', itemIndex, 'Line Item ID');
		return await getRecord.call(this, `/line_items/${id}`, 'line_item', itemIndex);
	},
};
