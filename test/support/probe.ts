/**
 * A test-only node that sends one request per item through the package's transport, so the
 * transport (auth, rate limiting, retries, pagination, error texts) is exercised inside a real
 * n8n execution context without depending on any particular operation.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { apiRequest, apiRequestAllItems } from '../../nodes/InboxHealth/transport';
import { registerNodeType } from './n8n';

export const PROBE_NODE_TYPE = 'test.inboxHealthProbe';

class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'inboxHealthProbe',
		group: ['transform'],
		version: 1,
		description: 'Test-only',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'inboxHealthApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const { method, path, body, all, limit } = items[i].json as {
				method: IHttpRequestMethods;
				path: string;
				body?: IDataObject;
				all?: boolean;
				limit?: number;
			};
			try {
				const result = all
					? await apiRequestAllItems.call(this, path, { limit, itemIndex: i })
					: await apiRequest.call(this, method, path, { body, itemIndex: i });
				output.push({ json: { result } as IDataObject, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({
					json: { error: error.message, description: error.description ?? null },
					pairedItem: { item: i },
				});
			}
		}
		return [output];
	}
}

registerNodeType(PROBE_NODE_TYPE, new TransportProbe());

export function probeNode(continueOnFail = true) {
	return {
		id: 'probe',
		name: 'Probe',
		type: PROBE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: {},
		credentials: { inboxHealthApi: { id: '1', name: 'sandbox' } },
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}
