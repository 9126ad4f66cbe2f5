import type { ResourceDefinition } from '../types';

import { assign } from './assign.operation';

export const balance: ResourceDefinition = {
	option: {
		name: 'Balance',
		value: 'balance',
		description: 'Give a patient a balance to pay (an invoice with one line item)',
	},
	operations: [assign],
};
