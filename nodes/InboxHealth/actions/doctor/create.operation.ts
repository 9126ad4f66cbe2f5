import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { additionalFieldsProperty, collectFields, requireText } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';
import { DOCTOR_FIELD_CHECKS, doctorFields } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a doctor',
		description: 'Add a doctor (a provider who renders services) to an enterprise',
	},
	properties: [
		locator('enterprise', { description: 'The enterprise the doctor belongs to' }),
		{
			displayName: 'First Name',
			name: 'firstName',
			type: 'string',
			required: true,
			default: '',
		},
		{
			displayName: 'Last Name',
			name: 'lastName',
			type: 'string',
			required: true,
			default: '',
		},
		additionalFieldsProperty(doctorFields),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const enterpriseId = locatorId.call(this, 'enterpriseId', itemIndex, 'Enterprise');
		const firstName = requireText.call(this, 'firstName', 'First Name', itemIndex);
		const lastName = requireText.call(this, 'lastName', 'Last Name', itemIndex);
		const fields = collectFields.call(this, 'additionalFields', itemIndex, DOCTOR_FIELD_CHECKS);
		return await sendRecord.call(
			this,
			'POST',
			'/doctors',
			'doctor',
			{ ...fields, first_name: firstName, last_name: lastName, enterprise_id: enterpriseId },
			{ itemIndex },
		);
	},
};
