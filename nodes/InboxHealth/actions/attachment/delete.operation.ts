import type { IExecuteFunctions } from 'n8n-workflow';

import { deleteRecord } from '../../helpers/records';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const deleteAttachment: OperationDefinition = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete an attachment',
		description: 'Delete an attachment and its file',
	},
	properties: [idField('attachmentId', 'Attachment ID', 'ID of the attachment to delete')],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'attachmentId', itemIndex, 'Attachment ID');
		return await deleteRecord.call(this, `/attachments/${id}`, itemIndex);
	},
};
