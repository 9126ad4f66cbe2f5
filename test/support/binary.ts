/**
 * Binary data in in-process runs. n8n-core's BinaryDataService, when no storage manager is
 * initialised (as here: nothing calls init()), keeps binary data in memory, base64-encoded in
 * the item itself ("memory mode"), so prepareBinaryData / getBinaryDataBuffer work without any
 * setup. This file adds a test-only node that turns JSON into binary items, to feed nodes that
 * upload files, and a reader for the binary data a node produced.
 */
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type {
	IBinaryData,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { registerNodeType } from './n8n';

export const BINARY_SOURCE_TYPE = 'test.binarySource';

/**
 * For each input item `{ base64, fileName, mimeType, field = "data", ...json }` outputs
 * `{ json, binary: { [field]: <the bytes> } }`, through n8n's own prepareBinaryData.
 */
class BinarySource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Source',
		name: 'binarySource',
		group: ['transform'],
		version: 1,
		description: 'Test-only',
		defaults: { name: 'Binary Source' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			const { base64, fileName, mimeType, field = 'data', ...json } = items[i].json as {
				base64: string;
				fileName?: string;
				mimeType?: string;
				field?: string;
			};
			const binary = await this.helpers.prepareBinaryData(Buffer.from(base64, 'base64'), fileName, mimeType);
			output.push({ json, binary: { [field]: binary }, pairedItem: { item: i } });
		}
		return [output];
	}
}

registerNodeType(BINARY_SOURCE_TYPE, new BinarySource());

export function binarySourceNode(name = 'Binary Source'): INode {
	return {
		id: `node-${name}`.replace(/\W+/g, '-'),
		name,
		type: BINARY_SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** The bytes of binary data a node output (whatever the storage mode). */
export async function binaryBuffer(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
