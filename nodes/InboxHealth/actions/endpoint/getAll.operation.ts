import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhook subscriptions',
		description: 'List the webhook subscriptions of your partner account',
	},
	properties: getManyProperties({
		noun: 'webhook subscriptions',
		filters: [
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				description: 'Part of the URL',
			},
		],
		sortFields: [
			{ name: 'Created At', value: 'created_at' },
			{ name: 'URL', value: 'url' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/endpoints');
	},
};
