import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequestAllItems } from '../transport';

export interface GetManyOptions {
	/** Plural noun for descriptions, e.g. "patients". */
	noun: string;
	/** Fields of the Filters collection; each becomes `filter[<name>]=<value>`. */
	filters?: INodeProperties[];
	/** Record fields the list can be sorted by. */
	sortFields?: Array<{ name: string; value: string }>;
}

/** Return All, and Limit when not returning all: every list operation of the node has them. */
export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** The Limit to apply, or undefined with Return All. */
export function limitParameter(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
}

/** Return All / Limit, Filters and Sort, as every "Get Many" of the node shows them. */
export function getManyProperties({ noun, filters = [], sortFields = [] }: GetManyOptions): INodeProperties[] {
	const properties: INodeProperties[] = [
		...returnAllProperties,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			description: `Only return ${noun} whose fields match (the API matches text fields partially)`,
			options: [
				...filters,
				{
					displayName: 'Other Fields',
					name: 'custom',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					description: 'Filter on any other field of the record',
					options: [
						{
							displayName: 'Field',
							name: 'field',
							values: [
								{
									displayName: 'Field Name',
									name: 'name',
									type: 'string',
									default: '',
									placeholder: 'last_name',
								},
								{
									displayName: 'Value',
									name: 'value',
									type: 'string',
									default: '',
								},
							],
						},
					],
				},
			],
		},
	];
	properties.push({
		displayName: 'Sort By',
		name: 'sort',
		type: 'options',
		options: [{ name: 'ID (Default)', value: '' }, ...sortFields.filter((f) => f.value !== 'id')],
		default: '',
		description: `Order in which ${noun} are returned`,
	});
	return properties;
}

/** The `filter[...]` and `sort` query of a Get Many from its parameters. */
export function listQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const qs: IDataObject = {};
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	for (const [name, value] of Object.entries(filters)) {
		if (name === 'custom') continue;
		if (value !== '' && value !== undefined && value !== null) qs[`filter[${name}]`] = value;
	}
	const custom = ((filters.custom as IDataObject | undefined)?.field ?? []) as IDataObject[];
	for (const { name, value } of custom) {
		if (String(name ?? '').trim()) qs[`filter[${String(name).trim()}]`] = value;
	}
	const sort = this.getNodeParameter('sort', itemIndex, '') as string;
	if (sort) qs.sort = sort;
	return qs;
}

/** Runs a Get Many: every page with Return All, otherwise only the pages the limit needs. */
export async function getMany(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	rootKey?: string,
): Promise<IDataObject[]> {
	return await apiRequestAllItems.call(this, path, {
		qs: listQuery.call(this, itemIndex),
		limit: limitParameter.call(this, itemIndex),
		rootKey,
		itemIndex,
	});
}
