import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from './actions/description';
import { router } from './actions/router';
import { listSearch } from './methods';

export class InboxHealth implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Inbox Health',
		name: 'inboxHealth',
		icon: { light: 'file:inboxHealth.svg', dark: 'file:inboxHealth.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Bill patients with the Inbox Health Partner API: enterprises, practices, doctors, patients, balances, payments and webhook subscriptions',
		defaults: {
			name: 'Inbox Health',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'inboxHealthApi',
				required: true,
			},
		],
		properties: buildProperties('enterprise'),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
