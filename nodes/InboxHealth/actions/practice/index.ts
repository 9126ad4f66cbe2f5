import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { deletePractice } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getDoctors } from './getDoctors.operation';
import { getInvoices } from './getInvoices.operation';
import { getPracticeUsers } from './getPracticeUsers.operation';
import { getUsers } from './getUsers.operation';
import { update } from './update.operation';

export const practice: ResourceDefinition = {
	option: {
		name: 'Practice',
		value: 'practice',
		description: 'A location of an enterprise where patients are seen',
	},
	operations: [
		create,
		get,
		getAll,
		update,
		deletePractice,
		getInvoices,
		getDoctors,
		getUsers,
		getPracticeUsers,
	],
};
