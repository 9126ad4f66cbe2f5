import type { INodeProperties } from 'n8n-workflow';

import { addressFields, otherFieldsJsonField, timeZoneField } from '../../helpers/recordFields';

/** Every documented practice field except the enterprise and the name. */
export const practiceFields: INodeProperties[] = [
	...addressFields,
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: 'e.g. (203) 555-5555',
	},
	timeZoneField,
	otherFieldsJsonField,
];
