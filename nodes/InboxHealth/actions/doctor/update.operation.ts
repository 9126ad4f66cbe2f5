import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireSomethingToUpdate } from '../../helpers/fields';
import { collectFields, updateFieldsProperty } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';
import { DOCTOR_FIELD_CHECKS, doctorFields } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a doctor',
		description: "Change a doctor's fields",
	},
	properties: [
		locator('doctor'),
		updateFieldsProperty([
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
				displayName: 'Soft Delete',
				name: 'soft_delete',
				type: 'boolean',
				default: false,
				description: 'Whether to mark the doctor as deleted while keeping the record and its history',
			},
			...doctorFields,
		]),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'doctorId', itemIndex, 'Doctor');
		const record = collectFields.call(this, 'updateFields', itemIndex, DOCTOR_FIELD_CHECKS);
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/doctors/${id}`, 'doctor', record, { extra: { id }, itemIndex });
	},
};
