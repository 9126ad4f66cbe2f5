import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a simplified version of the response instead of the raw data (money fields stay in cents)',
};

/** Keeps the listed fields of each record when "Simplify" is on. */
export function simplifyIfAsked<T extends IDataObject | IDataObject[]>(
	this: IExecuteFunctions,
	itemIndex: number,
	data: T,
	fields: readonly string[],
): T {
	if (!this.getNodeParameter('simplify', itemIndex, false)) return data;
	const pick = (record: IDataObject) =>
		Object.fromEntries(fields.filter((field) => field in record).map((field) => [field, record[field]]));
	return (Array.isArray(data) ? data.map(pick) : pick(data)) as T;
}
