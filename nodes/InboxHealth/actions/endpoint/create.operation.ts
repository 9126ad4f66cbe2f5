import type { IExecuteFunctions } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';
import { customEventsField, eventsField, requireEvents, requireWebhookUrl, urlField } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a webhook subscription',
		description: 'Subscribe a URL to Inbox Health events',
	},
	properties: [urlField, eventsField, customEventsField],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const url = requireWebhookUrl.call(this, this.getNodeParameter('url', itemIndex, ''), itemIndex);
		const events = requireEvents.call(
			this,
			this.getNodeParameter('events', itemIndex, []),
			this.getNodeParameter('customEvents', itemIndex, ''),
			itemIndex,
		);
		return await sendRecord.call(
			this,
			'POST',
			'/endpoints',
			'endpoint',
			{ url, registered_webhooks: events },
			{ itemIndex },
		);
	},
};
