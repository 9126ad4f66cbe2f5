import type { INodeProperties } from 'n8n-workflow';

import type { CollectOptions } from '../../helpers/recordFields';
import { addressFields, otherFieldsJsonField } from '../../helpers/recordFields';

export const billingStatusOptions = [
	{ name: 'Billable', value: 'billable', description: 'Statements and reminders go out' },
	{ name: 'Collections', value: 'collections', description: 'The balance was sent to collections' },
	{ name: 'Complete', value: 'complete', description: 'Nothing is owed' },
	{ name: 'Excluded', value: 'excluded', description: 'Excluded from billing: no statements or reminders' },
	{ name: 'No Response', value: 'no_response', description: 'The patient did not respond to statements' },
	{ name: 'Scheduled', value: 'scheduled', description: 'Paying on a payment plan' },
];

export const sexOptions = [
	{ name: 'Female', value: 'F' },
	{ name: 'Male', value: 'M' },
	{ name: 'Not Set', value: '' },
];

/** Every documented patient field besides enterprise, names, date of birth, sex and email. */
export const patientFields: INodeProperties[] = [
	...addressFields,
	{
		displayName: 'Allow Self-Directed Payment Plan',
		name: 'allow_self_directed_payment_plan',
		type: 'boolean',
		default: false,
		description: 'Whether the patient may set up a payment plan on their own in the patient portal',
	},
	{
		displayName: 'Billing Status',
		name: 'billing_status',
		type: 'options',
		options: billingStatusOptions,
		default: 'billable',
		description: 'Where the patient is in the billing cycle; "Excluded" stops all billing',
	},
	{
		displayName: 'Cell Phone',
		name: 'cell_phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. (203) 555-5555',
	},
	{
		displayName: 'Contact Preference',
		name: 'contact_preference',
		type: 'string',
		default: '',
		placeholder: 'e.g. email',
		description: 'How the patient prefers to be contacted',
	},
	{
		displayName: 'Health Record ID',
		name: 'health_record_id',
		type: 'string',
		default: '',
		placeholder: 'e.g. MRN-000123',
		description: "The patient's ID in your EHR or practice-management system (medical record number)",
	},
	{
		displayName: 'Home Phone',
		name: 'home_phone',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. es',
		description: 'Language the patient is contacted in',
	},
	{
		displayName: 'Middle Name',
		name: 'middle_name',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Internal notes about the patient',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. 203-555-5555',
	},
	{
		displayName: 'Phone Opt Out',
		name: 'phone_opt_out',
		type: 'boolean',
		default: false,
		description: 'Whether the patient refuses phone calls about billing',
	},
	{
		displayName: 'Practice ID',
		name: 'practice_id',
		type: 'string',
		default: '',
		placeholder: 'e.g. 123',
		description: "ID of the patient's practice",
	},
	{
		displayName: 'Precollection',
		name: 'precollection',
		type: 'boolean',
		default: false,
		description: 'Whether the patient is in the pre-collection stage',
	},
	{
		displayName: 'Primary',
		name: 'primary',
		type: 'boolean',
		default: true,
		description: 'Whether the patient is the primary (responsible) person of their account',
	},
	{
		displayName: 'Removed',
		name: 'removed',
		type: 'boolean',
		default: false,
		description: 'Whether the patient is removed (hidden) from the practice',
	},
	{
		displayName: 'Secondary Phone',
		name: 'secondary_phone',
		type: 'string',
		default: '',
	},
	{
		displayName: 'SMS Opt Out',
		name: 'sms_opt_out',
		type: 'boolean',
		default: false,
		description: 'Whether the patient refuses text messages',
	},
	{
		displayName: 'SSN',
		name: 'ssn',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: 'e.g. 111-11-4444',
		description: 'Social Security number of the patient',
	},
	{
		displayName: 'Work Phone',
		name: 'work_phone',
		type: 'string',
		default: '',
	},
	otherFieldsJsonField,
];

export const PATIENT_FIELD_CHECKS: CollectOptions = {
	dates: { date_of_birth: 'Date of Birth' },
	ids: { practice_id: 'Practice ID', enterprise_id: 'Enterprise ID' },
	emails: { email: 'Email' },
};
