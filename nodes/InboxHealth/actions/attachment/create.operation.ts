import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';
import { attachmentFields, attachmentMetadata, fileFields } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create an attachment',
		description: 'Upload a file (e.g. an insurance card) from binary data, or record a document by its metadata',
	},
	properties: [
		locator('enterprise', { description: 'The enterprise the attachment belongs to' }),
		{
			displayName: 'Upload File',
			name: 'uploadFile',
			type: 'boolean',
			default: true,
			description:
				'Whether to upload the file of an input binary field (sent base64-encoded); off records the metadata only',
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field containing the file to be uploaded',
			displayOptions: { show: { uploadFile: [true] } },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: attachmentFields(),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const enterpriseId = locatorId.call(this, 'enterpriseId', itemIndex, 'Enterprise');
		const metadata = attachmentMetadata.call(
			this,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
			itemIndex,
		);
		let record: IDataObject = { enterprise_id: enterpriseId, ...metadata };
		if (this.getNodeParameter('uploadFile', itemIndex, true) as boolean) {
			const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
			record = await fileFields.call(this, itemIndex, property, record);
		}
		return await sendRecord.call(this, 'POST', '/attachments', 'attachment', record, { itemIndex });
	},
};
