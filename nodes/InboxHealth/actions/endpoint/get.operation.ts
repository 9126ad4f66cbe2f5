import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a webhook subscription',
		description: 'Retrieve a webhook subscription with its URL and events',
	},
	properties: [idField('endpointId', 'Webhook Subscription ID', 'ID of the webhook subscription to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'endpointId', itemIndex, 'Webhook Subscription ID');
		return await getRecord.call(this, `/endpoints/${id}`, 'endpoint', itemIndex);
	},
};
