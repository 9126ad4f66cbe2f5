import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { deleteDoctor } from './delete.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getInvoices } from './getInvoices.operation';
import { getPractices } from './getPractices.operation';
import { getShifts } from './getShifts.operation';
import { update } from './update.operation';

export const doctor: ResourceDefinition = {
	option: {
		name: 'Doctor',
		value: 'doctor',
		description: 'A provider who renders services at practices',
	},
	operations: [create, get, getAll, update, deleteDoctor, getPractices, getInvoices, getShifts],
};
