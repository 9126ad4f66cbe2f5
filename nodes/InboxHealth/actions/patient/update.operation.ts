import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireSomethingToUpdate } from '../../helpers/fields';
import { collectFields, updateFieldsProperty } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';
import { PATIENT_FIELD_CHECKS, patientFields, sexOptions } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a patient',
		description:
			"Change a patient's fields, e.g. set Billing Status to Excluded to stop billing the patient",
	},
	properties: [
		locator('patient'),
		updateFieldsProperty([
			{
				displayName: 'Date of Birth',
				name: 'date_of_birth',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1984-12-25',
				description: 'Date of birth as YYYY-MM-DD',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
			},
			{
				displayName: 'Enterprise ID',
				name: 'enterprise_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
				description: 'ID of the enterprise the patient belongs to',
			},
			{
				displayName: 'First Name',
				name: 'first_name',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Last Name',
				name: 'last_name',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Sex',
				name: 'sex',
				type: 'options',
				options: sexOptions.filter((option) => option.value !== ''),
				default: 'F',
			},
			...patientFields,
		]),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'patientId', itemIndex, 'Patient');
		const record = collectFields.call(this, 'updateFields', itemIndex, PATIENT_FIELD_CHECKS);
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/patients/${id}`, 'patient', record, { extra: { id }, itemIndex });
	},
};
