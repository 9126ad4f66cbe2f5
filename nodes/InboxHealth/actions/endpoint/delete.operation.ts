import type { IExecuteFunctions } from 'n8n-workflow';

import { deleteRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const deleteEndpoint: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a webhook subscription',
		description: 'Stop sending events to a URL',
	},
	properties: [idField('endpointId', 'Webhook Subscription ID', 'ID of the webhook subscription to delete')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'endpointId', itemIndex, 'Webhook Subscription ID');
		return await deleteRecord.call(this, `/endpoints/${id}`, itemIndex);
	},
};
