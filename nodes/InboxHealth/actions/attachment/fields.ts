import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cleanFields } from '../../helpers/fields';

export const ATTACHMENT_LABELS: Record<string, string> = {
	category: 'Category',
	checksum: 'Checksum',
	display_name: 'Display Name',
	enterprise_id: 'Enterprise ID',
	file_name: 'File Name',
	mime_type: 'MIME Type',
	output_source: 'Output Source',
	path: 'Path',
	patient_id: 'Patient ID',
	size: 'Size (Bytes)',
	version: 'Version',
};

/** Attachment metadata fields, sorted by display name. */
export function attachmentFields(options: { update?: boolean } = {}): INodeProperties[] {
	const text = (name: string, description: string, placeholder?: string): INodeProperties => ({
		displayName: ATTACHMENT_LABELS[name],
		name,
		type: 'string',
		default: '',
		description,
		...(placeholder ? { placeholder } : {}),
	});
	const fields: INodeProperties[] = [
		text('category', 'Category of the document', 'e.g. insurance_card'),
		text(
			'checksum',
			'Checksum of the file as the API expects it (computed from the file when one is uploaded)',
		),
		text('display_name', 'Name shown for the attachment (default: the file name)'),
		text('file_name', 'File name to store (default: the file name of the binary data)', 'e.g. card.pdf'),
		text(
			'mime_type',
			'Content type of the file (default: the MIME type of the binary data)',
			'e.g. application/pdf',
		),
		text('output_source', 'System the document comes from', 'e.g. glo_pro'),
		text('path', 'Folder path of the document', 'e.g. patients/cards/'),
		text('patient_id', 'ID of the patient the document belongs to', 'e.g. 123'),
		{
			displayName: ATTACHMENT_LABELS.size,
			name: 'size',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description: 'Size of the file in bytes (computed from the file when one is uploaded)',
		},
		text('version', 'Version of the document', 'e.g. 1'),
	];
	if (options.update) {
		fields.push(text('enterprise_id', 'ID of the enterprise the attachment belongs to', 'e.g. 123'), {
			displayName: 'Replace File From Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'Name of the input binary field whose file replaces the stored one',
		});
	}
	return fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Validated metadata from a collection (binaryPropertyName left out). */
export function attachmentMetadata(
	this: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
): IDataObject {
	const record = cleanFields.call(this, values, itemIndex, ATTACHMENT_LABELS, {
		skip: ['binaryPropertyName'],
	});
	if (record.size !== undefined) {
		const size = record.size;
		if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
			throw new NodeOperationError(
				this.getNode(),
				`"${ATTACHMENT_LABELS.size}" must be a whole number of bytes (got "${String(size)}")`,
				{ itemIndex },
			);
		}
	}
	return record;
}

/**
 * The file of an input binary field as the API takes it: base64 in `file_data`, with its name,
 * type, size and MD5 checksum (base64, as Rails' Active Storage computes it). Explicit metadata
 * wins over what the binary data says, except size and checksum, which describe the bytes sent.
 */
export async function fileFields(
	this: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	metadata: IDataObject,
): Promise<IDataObject> {
	const property = String(binaryPropertyName ?? '').trim();
	if (!property) {
		throw new NodeOperationError(this.getNode(), '"Input Binary Field" is required to upload a file', {
			itemIndex,
		});
	}
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName = (metadata.file_name as string | undefined) ?? binary.fileName;
	return {
		...metadata,
		...(fileName ? { file_name: fileName } : {}),
		...(metadata.display_name === undefined && fileName ? { display_name: fileName } : {}),
		mime_type: (metadata.mime_type as string | undefined) ?? binary.mimeType ?? 'application/octet-stream',
		size: buffer.length,
		checksum: createHash('md5').update(buffer).digest('base64'),
		file_data: buffer.toString('base64'),
	};
}
