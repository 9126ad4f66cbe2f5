import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { update } from './update.operation';

export const lineItem: ResourceDefinition = {
	option: {
		name: 'Line Item',
		value: 'lineItem',
		description: 'A service billed on an invoice (list them with Invoice → Get Line Items)',
	},
	operations: [create, get, update],
};
