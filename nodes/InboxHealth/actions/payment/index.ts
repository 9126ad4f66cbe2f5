import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { quickPay } from './quickPay.operation';
import { update } from './update.operation';

export const payment: ResourceDefinition = {
	option: {
		name: 'Payment',
		value: 'payment',
		description: 'Money received from a patient',
	},
	operations: [create, get, getAll, update, quickPay],
};
