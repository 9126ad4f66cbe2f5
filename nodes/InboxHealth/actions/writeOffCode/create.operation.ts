import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { codeFields } from '../paymentReason/fields';
import type { OperationDefinition } from '../types';

const fields = codeFields('write-off code');

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a write-off code',
		description: 'Add a code for writing off balances (e.g. debt forgiveness) to an enterprise',
	},
	properties: [
		locator('enterprise', { description: 'The enterprise the write-off code belongs to' }),
		fields.code,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [fields.description],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const enterpriseId = locatorId.call(this, 'enterpriseId', itemIndex, 'Enterprise');
		const code = String(this.getNodeParameter('code', itemIndex, '')).trim();
		if (!code) throw new NodeOperationError(this.getNode(), '"Code" is required', { itemIndex });
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const description = String(additional.description ?? '').trim();
		return await sendRecord.call(
			this,
			'POST',
			'/write_off_codes',
			'write_off_code',
			{ enterprise_id: enterpriseId, code, ...(description ? { description } : {}) },
			{ itemIndex },
		);
	},
};
