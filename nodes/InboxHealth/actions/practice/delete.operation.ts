import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { deleteRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';

export const deletePractice: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a practice',
		description: 'Delete a practice; the API refuses while the practice has invoices',
	},
	properties: [locator('practice')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'practiceId', itemIndex, 'Practice');
		return await deleteRecord.call(this, `/practices/${id}`, itemIndex);
	},
};
