import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendRecord } from '../../helpers/records';
import { idField, idParameter, requireSomethingToUpdate } from '../../helpers/fields';
import type { OperationDefinition } from '../types';
import { attachmentFields, attachmentMetadata, fileFields } from './fields';

export const update: OperationDefinition = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update an attachment',
		description: "Change an attachment's metadata or replace its file",
	},
	properties: [
		idField('attachmentId', 'Attachment ID', 'ID of the attachment to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: attachmentFields({ update: true }),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'attachmentId', itemIndex, 'Attachment ID');
		const values = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		let record = attachmentMetadata.call(this, values, itemIndex);
		if (values.binaryPropertyName !== undefined) {
			record = await fileFields.call(this, itemIndex, String(values.binaryPropertyName), record);
		}
		requireSomethingToUpdate.call(this, record, itemIndex);
		return await sendRecord.call(this, 'PUT', `/attachments/${id}`, 'attachment', record, {
			extra: { id },
			itemIndex,
		});
	},
};
