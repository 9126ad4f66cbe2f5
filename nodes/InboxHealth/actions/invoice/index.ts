import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { deleteInvoice } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getInvoicePayments } from './getInvoicePayments.operation';
import { getLineItems } from './getLineItems.operation';
import { getNotifications } from './getNotifications.operation';
import { getPayments } from './getPayments.operation';
import { update } from './update.operation';

export const invoice: ResourceDefinition = {
	option: {
		name: 'Invoice',
		value: 'invoice',
		description: 'A bill for one date of service, made of line items',
	},
	operations: [
		create,
		get,
		getAll,
		update,
		deleteInvoice,
		getLineItems,
		getPayments,
		getInvoicePayments,
		getNotifications,
	],
};
