import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId, optionalLocatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireDate } from '../../helpers/validation';
import { lineItemsAttributes, lineItemsCollection } from '../lineItem/fields';
import type { OperationDefinition } from '../types';
import { invoiceFields, invoiceOptionalFields } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an invoice',
		description: 'Bill a patient for one date of service, with its line items',
	},
	properties: [
		locator('patient', { description: 'The patient the invoice bills' }),
		locator('practice', { description: 'The practice that provided the services' }),
		{
			displayName: 'Date of Service',
			name: 'dateOfService',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'Date the services were provided (YYYY-MM-DD)',
		},
		locator('doctor', {
			required: false,
			description: 'The doctor who provided the services (optional)',
		}),
		lineItemsCollection(),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: invoiceOptionalFields(),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const patientId = locatorId.call(this, 'patientId', itemIndex, 'Patient');
		const practiceId = locatorId.call(this, 'practiceId', itemIndex, 'Practice');
		const doctorId = optionalLocatorId.call(this, 'doctorId', itemIndex, 'Doctor');
		const dateOfService = requireDate.call(
			this,
			this.getNodeParameter('dateOfService', itemIndex, ''),
			'Date of Service',
			itemIndex,
		) as string;
		const lineItems = lineItemsAttributes.call(this, itemIndex, dateOfService);
		const { record, extra } = invoiceFields.call(
			this,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		const invoice: IDataObject = {
			patient_id: patientId,
			practice_id: practiceId,
			date_of_service: dateOfService,
			...(doctorId !== undefined ? { doctor_id: doctorId } : {}),
			...record,
			...(lineItems.length > 0 ? { line_items_attributes: lineItems } : {}),
		};
		return await sendRecord.call(this, 'POST', '/invoices', 'invoice', invoice, { extra, itemIndex });
	},
};
