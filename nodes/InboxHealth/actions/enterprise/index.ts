import type { ResourceDefinition } from '../types';

import { getAll } from './getAll.operation';

export const enterprise: ResourceDefinition = {
	option: {
		name: 'Enterprise',
		value: 'enterprise',
		description: 'A medical organisation and its practices',
	},
	operations: [getAll],
};
