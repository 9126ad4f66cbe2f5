import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const paymentReason: ResourceDefinition = {
	option: {
		name: 'Payment Reason',
		value: 'paymentReason',
		description: 'An adjustment reason code used on invoice payments',
	},
	operations: [create, get, getAll, update],
};
