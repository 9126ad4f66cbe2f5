import type { IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { getRecord } from '../../helpers/records';
import { simplifyIfAsked, simplifyProperty } from '../../helpers/simplify';
import type { OperationDefinition } from '../types';
import { ENTERPRISE_SIMPLE_FIELDS } from '../../helpers/recordFields';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an enterprise',
		description: 'Get one enterprise by ID',
	},
	properties: [locator('enterprise'), simplifyProperty],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = locatorId.call(this, 'enterpriseId', itemIndex, 'Enterprise');
		const enterprise = await getRecord.call(this, `/enterprises/${id}`, 'enterprise', itemIndex);
		return simplifyIfAsked.call(this, itemIndex, enterprise, ENTERPRISE_SIMPLE_FIELDS);
	},
};
