import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a write-off code',
		description: 'Retrieve one write-off code',
	},
	properties: [idField('writeOffCodeId', 'Write-Off Code ID', 'ID of the write-off code to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'writeOffCodeId', itemIndex, 'Write-Off Code ID');
		return await getRecord.call(this, `/write_off_codes/${id}`, 'write_off_code', itemIndex);
	},
};
