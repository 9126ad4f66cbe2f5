import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany } from '../../helpers/getMany';
import type { OperationDefinition } from '../types';
import { codeListProperties } from './fields';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many payment reasons',
		description: 'List the payment reasons (adjustment reason codes) of your enterprises',
	},
	properties: codeListProperties('payment reasons'),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/payment_reasons');
	},
};
