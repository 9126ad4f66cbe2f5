import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireDate } from '../../helpers/validation';
import { additionalFieldsProperty, collectFields, requireEmail, requireText } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';
import { PATIENT_FIELD_CHECKS, patientFields, sexOptions } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a patient',
		description: 'Add a patient to an enterprise; outputs the patient with its ID',
	},
	properties: [
		locator('enterprise', { description: 'The enterprise the patient belongs to' }),
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
		{
			displayName: 'Date of Birth',
			name: 'dateOfBirth',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 1984-12-25',
			description: 'Date of birth as YYYY-MM-DD',
		},
		{
			displayName: 'Sex',
			name: 'sex',
			type: 'options',
			options: sexOptions,
			default: '',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			default: '',
			placeholder: 'name@email.com',
			description: 'Email address statements and reminders are sent to',
		},
		additionalFieldsProperty(patientFields),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const enterpriseId = locatorId.call(this, 'enterpriseId', itemIndex, 'Enterprise');
		const firstName = requireText.call(this, 'firstName', 'First Name', itemIndex);
		const lastName = requireText.call(this, 'lastName', 'Last Name', itemIndex);
		const dateOfBirth = requireDate.call(
			this,
			this.getNodeParameter('dateOfBirth', itemIndex, ''),
			'Date of Birth',
			itemIndex,
		);
		const sex = String(this.getNodeParameter('sex', itemIndex, '') ?? '').trim();
		const email = String(this.getNodeParameter('email', itemIndex, '') ?? '').trim();
		if (email) requireEmail.call(this, email, 'Email', itemIndex);
		const fields = collectFields.call(this, 'additionalFields', itemIndex, PATIENT_FIELD_CHECKS);
		const record: IDataObject = {
			...fields,
			enterprise_id: enterpriseId,
			first_name: firstName,
			last_name: lastName,
			date_of_birth: dateOfBirth,
		};
		if (sex) record.sex = sex;
		if (email) record.email = email;
		return await sendRecord.call(this, 'POST', '/patients', 'patient', record, { itemIndex });
	},
};
