import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many users',
		description: 'List the users of your practices, optionally filtered by role',
	},
	properties: getManyProperties({
		noun: 'users',
		filters: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{
				displayName: 'Enterprise ID',
				name: 'enterprise_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
			{ displayName: 'First Name', name: 'first_name', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'last_name', type: 'string', default: '' },
			{
				displayName: 'Role',
				name: 'role',
				type: 'string',
				default: '',
				placeholder: 'e.g. practice_manager',
				description: 'Role of the user, e.g. practice_manager',
			},
		],
		sortFields: [
			{ name: 'Created At', value: 'created_at' },
			{ name: 'Email', value: 'email' },
			{ name: 'Last Name', value: 'last_name' },
		],
	}),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/users');
	},
};
