import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';
import { enterpriseFields, practicesAttributes, practicesProperty } from './fields';
import { requireSomethingToUpdate } from '../../helpers/fields';
import { collectFields, updateFieldsProperty } from '../../helpers/recordFields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an enterprise',
		description: "Change an enterprise's fields, and add or change its practices",
	},
	properties: [
		locator('enterprise'),
		updateFieldsProperty([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the enterprise',
			},
			...enterpriseFields,
		]),
		practicesProperty(true),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'enterpriseId', itemIndex, 'Enterprise');
		const record: IDataObject = collectFields.call(this, 'updateFields', itemIndex);
		const practices = practicesAttributes.call(this, itemIndex, record.time_zone, true);
		if (practices) record.practices_attributes = practices;
		requireSomethingToUpdate.call(this, record, itemIndex, '"Update Fields" or a practice under "Practices"');
		return await sendRecord.call(this, 'PUT', `/enterprises/${id}`, 'enterprise', record, {
			extra: { id },
			itemIndex,
		});
	},
};
