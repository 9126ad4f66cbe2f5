import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import { simplifyIfAsked, simplifyProperty } from '../../helpers/simplify';
import type { OperationDefinition } from '../types';
import { ENTERPRISE_SIMPLE_FIELDS } from '../../helpers/recordFields';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many enterprises',
		description: 'List the enterprises (medical organisations) your partner account manages',
	},
	properties: [
		...getManyProperties({
			noun: 'enterprises',
			filters: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Part of the enterprise name',
				},
			],
			sortFields: [
				{ name: 'Name', value: 'name' },
				{ name: 'Created At', value: 'created_at' },
			],
		}),
		simplifyProperty,
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const enterprises = await getMany.call(this, itemIndex, '/enterprises');
		return simplifyIfAsked.call(this, itemIndex, enterprises, ENTERPRISE_SIMPLE_FIELDS);
	},
};
