import type { IExecuteFunctions } from 'n8n-workflow';

import { getMany } from '../../helpers/getMany';
import { codeListProperties } from '../paymentReason/fields';
import type { OperationDefinition } from '../types';

export const getAll: OperationDefinition = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many write-off codes',
		description: 'List the write-off codes of your enterprises',
	},
	properties: codeListProperties('write-off codes'),
	async execute(this: IExecuteFunctions, itemIndex: number) {
		return await getMany.call(this, itemIndex, '/write_off_codes');
	},
};
