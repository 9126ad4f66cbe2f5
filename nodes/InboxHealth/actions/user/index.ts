import type { ResourceDefinition } from '../types';

import { getAll } from './getAll.operation';

export const user: ResourceDefinition = {
	option: {
		name: 'User',
		value: 'user',
		description: 'A user of your practices',
	},
	operations: [getAll],
};
