import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many practices',
		description: 'List the practices of every enterprise your partner account manages',
	},
	properties: getManyProperties({
		noun: 'practices',
		filters: [
			{
				displayName: 'Enterprise ID',
				name: 'enterprise_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
				description: 'Only practices of this enterprise',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Part of the practice name',
			},
		],
		sortFields: [
			{ name: 'City', value: 'city' },
			{ name: 'Created At', value: 'created_at' },
			{ name: 'Name', value: 'name' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/practices');
	},
};
