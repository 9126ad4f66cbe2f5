import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a write-off',
		description: 'Retrieve one write-off',
	},
	properties: [idField('writeOffId', 'Write-Off ID', 'ID of the write-off to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'writeOffId', itemIndex, 'Write-Off ID');
		return await getRecord.call(this, `/write_offs/${id}`, 'write_off', itemIndex);
	},
};
