import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** What an operation hands back for one input item: records, or items when it has binary data. */
export type OperationResult = IDataObject | IDataObject[] | { items: INodeExecutionData[] };

/**
 * One operation of one resource, in its own file: the option shown in the Operation list, the
 * fields it needs (displayOptions are added by the resource), and what it does for one item.
 */
export interface OperationDefinition {
	option: {
		name: string;
		value: string;
		/** The action name shown in the node panel and given to AI agents. */
		action: string;
		description: string;
	};
	properties: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

export interface ResourceDefinition {
	option: { name: string; value: string; description?: string };
	operations: OperationDefinition[];
}
