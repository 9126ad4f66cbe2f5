import type { INodeProperties } from 'n8n-workflow';

import { getManyProperties } from '../../helpers/getMany';

/** Payment reasons and write-off codes are both an enterprise's `code` + `description` list. */
export function codeFields(noun: string): { code: INodeProperties; description: INodeProperties } {
	return {
		code: {
			displayName: 'Code',
			name: 'code',
			type: 'string',
			required: true,
			default: '',
			placeholder: noun === 'payment reason' ? 'e.g. CO-3' : 'e.g. 044',
			description: `The ${noun} code`,
		},
		description: {
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			placeholder: noun === 'payment reason' ? 'e.g. Co-payment Amount' : 'e.g. Debt forgiveness',
			description: `What the ${noun} means`,
		},
	};
}

export function codeListProperties(noun: string): INodeProperties[] {
	return getManyProperties({
		noun,
		filters: [
			{ displayName: 'Code', name: 'code', type: 'string', default: '' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Enterprise ID',
				name: 'enterprise_id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 123',
			},
		],
		sortFields: [
			{ name: 'Code', value: 'code' },
			{ name: 'Created At', value: 'created_at' },
		],
	});
}
