import type { INodeProperties } from 'n8n-workflow';

import type { CollectOptions } from '../../helpers/recordFields';
import { otherFieldsJsonField } from '../../helpers/recordFields';

/** Every documented doctor field except the enterprise and the names (Additional / Update Fields). */
export const doctorFields: INodeProperties[] = [
	{
		displayName: 'Certification',
		name: 'certification',
		type: 'string',
		default: '',
		placeholder: 'e.g. Brooklyn Medical School',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
	},
	{
		displayName: 'Middle Name',
		name: 'middle_name',
		type: 'string',
		default: '',
	},
	{
		displayName: 'NPI',
		name: 'npi',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1234567893',
		description: 'National Provider Identifier of the doctor',
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. 203-555-5555',
	},
	{
		displayName: 'Practice IDs',
		name: 'practice_ids',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12, 15',
		description: 'Comma-separated IDs of the practices the doctor works at',
	},
	{
		displayName: 'Provider Code',
		name: 'provider_code',
		type: 'string',
		default: '',
		placeholder: 'e.g. MARIOBRO',
		description: "The doctor's code in your practice-management system",
	},
	{
		displayName: 'Specialty',
		name: 'specialty',
		type: 'string',
		default: '',
		placeholder: 'e.g. Cardiology',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: '',
		placeholder: 'e.g. floating',
		description: 'Status of the doctor at the enterprise, e.g. "floating"',
	},
	{
		displayName: 'Suffix',
		name: 'suffix',
		type: 'string',
		default: '',
		placeholder: 'e.g. MD',
	},
	otherFieldsJsonField,
];

export const DOCTOR_FIELD_CHECKS: CollectOptions = {
	idLists: { practice_ids: 'Practice IDs' },
	ids: { enterprise_id: 'Enterprise ID' },
	emails: { email: 'Email' },
};
