import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { KNOWN_EVENTS } from './helpers/events';
import { receiveDelivery } from './trigger/delivery';
import { checkEndpointExists, createEndpoint, deleteEndpoints } from './trigger/webhookLifecycle';

export class InboxHealthTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Inbox Health Trigger',
		name: 'inboxHealthTrigger',
		icon: { light: 'file:inboxHealth.svg', dark: 'file:inboxHealth.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when Inbox Health sends a webhook event (patients, invoices, payments and more), verified by its signature',
		defaults: {
			name: 'Inbox Health Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'inboxHealthApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: KNOWN_EVENTS,
				default: [],
				description:
					'The events that start the workflow. Inbox Health is subscribed to exactly these (plus any custom event names).',
			},
			{
				displayName: 'Custom Event Names',
				name: 'customEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. statement_created, ticket_updated',
				description:
					'Other event names to subscribe to, separated by commas (lowercase, like patient_created)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request headers (including X-InboxHealth-Signature) to the output under "headers"',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						options: [
							{
								name: 'Whole Event',
								value: 'event',
								description: 'ID, event type, created at, livemode and event data',
							},
							{
								name: 'Record Only',
								value: 'object',
								description:
									'Only the changed record (event_data.object); the whole event when it has none',
							},
						],
						default: 'event',
						description: 'What each execution receives',
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description:
							'Whether to accept only deliveries signed by Inbox Health with your API key (X-InboxHealth-Signature) and answer 401 to others. Turning this off lets anyone who knows the webhook URL start the workflow with made-up data.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkEndpointExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createEndpoint.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteEndpoints.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
