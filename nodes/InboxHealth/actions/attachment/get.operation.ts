import type { IExecuteFunctions } from 'n8n-workflow';

import { getRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const get: OperationDefinition = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an attachment',
		description: "Retrieve an attachment's metadata (use Download for the file)",
	},
	properties: [idField('attachmentId', 'Attachment ID', 'ID of the attachment to retrieve')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'attachmentId', itemIndex, 'Attachment ID');
		return await getRecord.call(this, `/attachments/${id}`, 'attachment', itemIndex);
	},
};
