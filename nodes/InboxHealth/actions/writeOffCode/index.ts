import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const writeOffCode: ResourceDefinition = {
	option: {
		name: 'Write-Off Code',
		value: 'writeOffCode',
		description: 'A code for writing off balances',
	},
	operations: [create, get, getAll],
};
