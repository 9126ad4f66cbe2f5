import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { getRecord } from '../../helpers/records';
import { simplifyIfAsked, simplifyProperty } from '../../helpers/simplify';
import { PATIENT_SIMPLE_FIELDS } from '../../helpers/recordFields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a patient',
		description: 'Get one patient by ID, with their current balance in cents (balance_cents)',
	},
	properties: [locator('patient'), simplifyProperty],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'patientId', itemIndex, 'Patient');
		const patient = await getRecord.call(this, `/patients/${id}`, 'patient', itemIndex);
		return simplifyIfAsked.call(this, itemIndex, patient, PATIENT_SIMPLE_FIELDS);
	},
};
