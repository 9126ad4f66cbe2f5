import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { deleteEndpoint } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const endpoint: ResourceDefinition = {
	option: {
		name: 'Webhook Subscription',
		value: 'endpoint',
		description: 'A webhook endpoint that receives Inbox Health events',
	},
	operations: [create, get, getAll, update, deleteEndpoint],
};
