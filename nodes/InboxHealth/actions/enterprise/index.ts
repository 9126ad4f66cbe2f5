import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getDoctors } from './getDoctors.operation';
import { getPatients } from './getPatients.operation';
import { getPractices } from './getPractices.operation';
import { update } from './update.operation';

export const enterprise: ResourceDefinition = {
	option: {
		name: 'Enterprise',
		value: 'enterprise',
		description: 'A medical organisation and its practices',
	},
	operations: [create, get, getAll, update, getPractices, getPatients, getDoctors],
};
