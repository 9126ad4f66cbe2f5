import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

/** The file name of a `Content-Disposition` header (RFC 6266: `filename*` wins over `filename`). */
export function fileNameFromDisposition(header: unknown): string | undefined {
	const value = String(Array.isArray(header) ? header[0] : (header ?? ''));
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(value);
	if (extended) {
		try {
			return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
		} catch {
			// a malformed extended name: fall back to the plain one
		}
	}
	const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(value);
	if (!plain) return undefined;
	return (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]).trim() || undefined;
}

function toBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body);
	if (body === undefined || body === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body));
}

export const download: OperationDefinition = {
	option: {
		name: 'Download',
		value: 'download',
		action: 'Download an attachment',
		description: 'Download the file of an attachment as binary data',
	},
	properties: [
		idField('attachmentId', 'Attachment ID', 'ID of the attachment to download'),
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const id = idParameter.call(this, 'attachmentId', itemIndex, 'Attachment ID');
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		if (!property) {
			throw new NodeOperationError(this.getNode(), '"Put Output File in Field" is required', { itemIndex });
		}
		const response = (await apiRequest.call(this, 'GET', `/attachments/${id}/download`, {
			binary: true,
			itemIndex,
		})) as IN8nHttpFullResponse;
		const headers = (response.headers ?? {}) as IDataObject;
		const buffer = toBuffer(response.body);
		const contentType = String(headers['content-type'] ?? '').split(';')[0].trim();
		const mimeType = contentType || 'application/octet-stream';
		const fileName = fileNameFromDisposition(headers['content-disposition']) ?? `attachment-${id}`;
		const binary = await this.helpers.prepareBinaryData(buffer, fileName, mimeType);
		return {
			items: [
				{
					json: { id, file_name: fileName, mime_type: mimeType, size: buffer.length },
					binary: { [property]: binary },
				},
			],
		};
	},
};
