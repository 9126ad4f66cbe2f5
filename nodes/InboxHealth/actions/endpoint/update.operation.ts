import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { idField, idParameter, requireSomethingToUpdate } from '../../helpers/fields';
import type { OperationDefinition } from '../types';
import { customEventsField, eventsField, requireEvents, requireWebhookUrl, urlField } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a webhook subscription',
		description: 'Change the URL of a webhook subscription or replace its events',
	},
	properties: [
		idField('endpointId', 'Webhook Subscription ID', 'ID of the webhook subscription to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					...customEventsField,
					description:
						'Comma-separated names of further events, added to "Events"; together they replace the subscribed events',
				},
				{
					...eventsField,
					description: 'Events to send to the URL; together with "Custom Event Names" they replace the subscribed events',
				},
				{ ...urlField, required: false },
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'endpointId', itemIndex, 'Webhook Subscription ID');
		const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const record: IDataObject = {};
		if (values.url !== undefined) record.url = requireWebhookUrl.call(this, values.url, itemIndex);
		if (values.events !== undefined || values.customEvents !== undefined) {
			record.registered_webhooks = requireEvents.call(this, values.events, values.customEvents, itemIndex);
		}
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/endpoints/${id}`, 'endpoint', record, {
			extra: { id },
			itemIndex,
		});
	},
};
