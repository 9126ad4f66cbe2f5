import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { getRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a practice',
		description: 'Get one practice by ID',
	},
	properties: [locator('practice')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'practiceId', itemIndex, 'Practice');
		return await getRecord.call(this, `/practices/${id}`, 'practice', itemIndex);
	},
};
