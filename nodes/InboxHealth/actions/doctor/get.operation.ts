import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { getRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a doctor',
		description: 'Get one doctor by ID',
	},
	properties: [locator('doctor')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'doctorId', itemIndex, 'Doctor');
		return await getRecord.call(this, `/doctors/${id}`, 'doctor', itemIndex);
	},
};
