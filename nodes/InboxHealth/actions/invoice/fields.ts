import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cleanFields } from '../../helpers/fields';
import { locatorId, optionalLocatorId } from '../../helpers/locators';
import { requireDate } from '../../helpers/validation';

/**
 * Whom and what an invoice bills, from the Patient, Practice, Doctor (optional) and Date of
 * Service fields that Invoice → Create, Payment → Quick Pay and Balance → Assign share.
 */
export function invoiceHeader(
	this: IExecuteFunctions,
	itemIndex: number,
): { patient_id: number; practice_id: number; doctor_id?: number; date_of_service: string } {
	const patientId = locatorId.call(this, 'patientId', itemIndex, 'Patient');
	const practiceId = locatorId.call(this, 'practiceId', itemIndex, 'Practice');
	const doctorId = optionalLocatorId.call(this, 'doctorId', itemIndex, 'Doctor');
	const dateOfService = requireDate.call(
		this,
		this.getNodeParameter('dateOfService', itemIndex, ''),
		'Date of Service',
		itemIndex,
	) as string;
	return {
		patient_id: patientId,
		practice_id: practiceId,
		...(doctorId !== undefined ? { doctor_id: doctorId } : {}),
		date_of_service: dateOfService,
	};
}

/** Display names of the invoice fields, by API field name. */
export const INVOICE_LABELS: Record<string, string> = {
	appointment_id: 'Appointment ID',
	date_of_service: 'Date of Service',
	doctor_id: 'Doctor ID',
	email: 'Notification Email',
	estimate: 'Estimate',
	notes: 'Notes',
	patient_id: 'Patient ID',
	practice_id: 'Practice ID',
};

export const emailField: INodeProperties = {
	displayName: INVOICE_LABELS.email,
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description:
		"Email address Inbox Health notifies about the invoice, sent beside the invoice as the top-level \"email\" key (empty: the patient's own email address)",
};

/** Invoice fields besides the identifying ones, sorted by display name. */
export function invoiceOptionalFields(options: { update?: boolean } = {}): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: INVOICE_LABELS.appointment_id,
			name: 'appointment_id',
			type: 'string',
			default: '',
			placeholder: 'e.g. 123',
			description: 'ID of the appointment the invoice is for',
		},
		{
			displayName: INVOICE_LABELS.estimate,
			name: 'estimate',
			type: 'boolean',
			default: false,
			description:
				"Whether the invoice is only an estimate (estimates do not count towards the patient's balance)",
		},
		{
			displayName: INVOICE_LABELS.notes,
			name: 'notes',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Notes on the invoice',
		},
		emailField,
	];
	if (options.update) {
		fields.push(
			{
				displayName: INVOICE_LABELS.date_of_service,
				name: 'date_of_service',
				type: 'dateTime',
				default: '',
				description: 'Date the services were provided (YYYY-MM-DD)',
			},
			{
				displayName: INVOICE_LABELS.doctor_id,
				name: 'doctor_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
				description: 'ID of the doctor who provided the services',
			},
			{
				displayName: INVOICE_LABELS.patient_id,
				name: 'patient_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
				description: 'ID of the patient the invoice bills',
			},
			{
				displayName: INVOICE_LABELS.practice_id,
				name: 'practice_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
				description: 'ID of the practice that provided the services',
			},
		);
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Splits a collection into the invoice record and the top-level `email`. */
export function invoiceFields(
	this: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
): { record: IDataObject; extra: IDataObject } {
	const record = cleanFields.call(this, values, itemIndex, INVOICE_LABELS, {
		dates: ['date_of_service'],
		skip: ['email'],
	});
	const email = String(values.email ?? '').trim();
	if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${INVOICE_LABELS.email}" must be an email address (got "${email}")`,
			{ itemIndex },
		);
	}
	return { record, extra: email ? { email } : {} };
}
