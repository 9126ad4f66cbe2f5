import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireSomethingToUpdate } from '../../helpers/fields';
import { collectFields, updateFieldsProperty } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';
import { practiceFields } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a practice',
		description: "Change a practice's name, address, phone or time zone",
	},
	properties: [
		locator('practice'),
		updateFieldsProperty([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the practice',
			},
			...practiceFields,
		]),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'practiceId', itemIndex, 'Practice');
		const record = collectFields.call(this, 'updateFields', itemIndex, { ids: { enterprise_id: 'Enterprise ID' } });
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/practices/${id}`, 'practice', record, {
			extra: { id },
			itemIndex,
		});
	},
};
