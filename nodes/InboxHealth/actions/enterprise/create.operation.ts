import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { apiRequestAllItems } from '../../transport';
import type { OperationDefinition } from '../types';
import { enterpriseFields, practicesAttributes, practicesProperty } from './fields';
import { additionalFieldsProperty, collectFields, requireText } from '../../helpers/recordFields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an enterprise',
		description:
			'Create an enterprise (a medical organisation) with its practices; outputs the enterprise with its ID and its practices',
	},
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Mental Health/Substance Abuse Medical',
			description: 'Name of the enterprise, as patients see it on statements',
		},
		practicesProperty(false),
		additionalFieldsProperty(enterpriseFields),
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const name = requireText.call(this, 'name', 'Name', itemIndex);
		const fields = collectFields.call(this, 'additionalFields', itemIndex);
		const practices = practicesAttributes.call(this, itemIndex, fields.time_zone, false);
		const record: IDataObject = { ...fields, name };
		if (practices) record.practices_attributes = practices;
		const enterprise = await sendRecord.call(this, 'POST', '/enterprises', 'enterprise', record, { itemIndex });
		if (!Array.isArray(enterprise.practices) && enterprise.id !== undefined) {
			// The answer does not embed the practices: read them, so the output always has them.
			enterprise.practices = await apiRequestAllItems.call(this, `/enterprises/${String(enterprise.id)}/practices`, {
				rootKey: 'practices',
				itemIndex,
			});
		}
		return enterprise;
	},
};
