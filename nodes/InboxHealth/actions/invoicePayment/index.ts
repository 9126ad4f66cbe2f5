import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { update } from './update.operation';

export const invoicePayment: ResourceDefinition = {
	option: {
		name: 'Invoice Payment',
		value: 'invoicePayment',
		description: 'The part of a payment applied to an invoice',
	},
	operations: [create, get, update],
};
