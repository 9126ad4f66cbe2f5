import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { findOperation } from './resources';
import type { OperationResult } from './types';

function toItems(this: IExecuteFunctions, result: OperationResult): INodeExecutionData[] {
	if (!Array.isArray(result) && Array.isArray(result.items)) {
		return result.items as INodeExecutionData[];
	}
	return this.helpers.returnJsonArray(result as Parameters<typeof this.helpers.returnJsonArray>[0]);
}

/** Says which input item failed, in the error's context and at the end of its message. */
function withItemIndex<E extends NodeApiError | NodeOperationError>(error: E, itemIndex: number): E {
	error.context.itemIndex = itemIndex;
	if (!/\[item \d+\]$/.test(error.message)) error.message = `${error.message} [item ${itemIndex}]`;
	return error;
}

/**
 * Runs the chosen operation once per input item. Every item gives at least one output item
 * paired to it; with "Continue On Fail" a failing item gives an error item paired to it and the
 * others go on, otherwise the error stops the node and says which item failed.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const definition = findOperation(resource, operation);
	if (!definition) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of the resource "${resource}" is not supported`,
		);
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await definition.execute.call(this, itemIndex);
			output.push(
				...this.helpers.constructExecutionMetaData(toItems.call(this, result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({
					json: {
						error: error.message,
						...(error.description ? { description: error.description } : {}),
						...(error.httpCode ? { httpCode: error.httpCode } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			if (error instanceof NodeApiError) throw withItemIndex(error, itemIndex);
			throw withItemIndex(new NodeOperationError(this.getNode(), error as Error), itemIndex);
		}
	}
	return [output];
}
