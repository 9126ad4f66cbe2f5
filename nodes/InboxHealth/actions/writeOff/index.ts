import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const writeOff: ResourceDefinition = {
	option: {
		name: 'Write-Off',
		value: 'writeOff',
		description: 'A balance written off an invoice',
	},
	operations: [create, get, getAll],
};
