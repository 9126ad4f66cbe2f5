import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many doctors',
		description: 'List the doctors of every enterprise your partner account manages',
	},
	properties: getManyProperties({
		noun: 'doctors',
		filters: [
			{
				displayName: 'Enterprise ID',
				name: 'enterprise_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
				description: 'Only doctors of this enterprise',
			},
			{
				displayName: 'First Name',
				name: 'first_name',
				type: 'string',
				default: '',
				description: "Part of the doctor's first name",
			},
			{
				displayName: 'Last Name',
				name: 'last_name',
				type: 'string',
				default: '',
				description: "Part of the doctor's last name",
			},
			{
				displayName: 'NPI',
				name: 'npi',
				type: 'string',
				default: '',
				description: 'National Provider Identifier of the doctor',
			},
		],
		sortFields: [
			{ name: 'Created At', value: 'created_at' },
			{ name: 'First Name', value: 'first_name' },
			{ name: 'Last Name', value: 'last_name' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/doctors');
	},
};
