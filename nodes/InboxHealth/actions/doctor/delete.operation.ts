import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { deleteRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';

export const deleteDoctor: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a doctor',
		description: 'Delete a doctor; invoices that named the doctor keep existing without one',
	},
	properties: [locator('doctor')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'doctorId', itemIndex, 'Doctor');
		return await deleteRecord.call(this, `/doctors/${id}`, itemIndex);
	},
};
