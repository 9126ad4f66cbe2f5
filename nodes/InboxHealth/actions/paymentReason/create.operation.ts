import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';
import { codeFields } from './fields';

const fields = codeFields('payment reason');

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a payment reason',
		description: 'Add an adjustment reason code (e.g. CO-3) to an enterprise',
	},
	properties: [
		locator('enterprise', { description: 'The enterprise the payment reason belongs to' }),
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
			'/payment_reasons',
			'payment_reason',
			{ enterprise_id: enterpriseId, code, ...(description ? { description } : {}) },
			{ itemIndex },
		);
	},
};
