import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { additionalFieldsProperty, collectFields, requireText } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';
import { practiceFields } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a practice',
		description: 'Add a practice (a location where patients are seen) to an enterprise',
	},
	properties: [
		locator('enterprise', { description: 'The enterprise the practice belongs to' }),
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Squidward Tentacles Doctors Office',
			description: 'Name of the practice',
		},
		additionalFieldsProperty(practiceFields),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const enterpriseId = locatorId.call(this, 'enterpriseId', itemIndex, 'Enterprise');
		const name = requireText.call(this, 'name', 'Name', itemIndex);
		const fields = collectFields.call(this, 'additionalFields', itemIndex);
		return await sendRecord.call(
			this,
			'POST',
			'/practices',
			'practice',
			{ ...fields, name, enterprise_id: enterpriseId },
			{ itemIndex },
		);
	},
};
