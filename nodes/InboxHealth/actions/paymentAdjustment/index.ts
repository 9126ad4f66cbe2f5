import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';

export const paymentAdjustment: ResourceDefinition = {
	option: {
		name: 'Payment Adjustment',
		value: 'paymentAdjustment',
		description: 'A refund or void of a payment',
	},
	operations: [create, get],
};
