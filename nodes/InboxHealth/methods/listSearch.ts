import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { apiRequest } from '../transport';

const PAGE_SIZE = 50;

interface SearchSpec {
	path: string;
	rootKey: string;
	/** The field the search box filters on. */
	filterField?: string;
	name(record: IDataObject): string;
}

async function search(
	this: ILoadOptionsFunctions,
	spec: SearchSpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const qs: IDataObject = { page, per_page: PAGE_SIZE, sort: 'id' };
	if (filter && spec.filterField) qs[`filter[${spec.filterField}]`] = filter;
	const body = (await apiRequest.call(this, 'GET', spec.path, { qs })) as IDataObject;
	const records = (body[spec.rootKey] ?? []) as IDataObject[];
	const results: INodeListSearchItems[] = records.map((record) => ({
		name: spec.name(record),
		value: String(record.id),
	}));
	return { results, paginationToken: records.length < PAGE_SIZE ? undefined : String(page + 1) };
}

const personName = (record: IDataObject) =>
	[record.last_name, record.first_name].filter(Boolean).join(', ') || `#${String(record.id)}`;

export async function searchEnterprises(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search.call(
		this,
		{ path: '/enterprises', rootKey: 'enterprises', filterField: 'name', name: (r) => `${String(r.name)} (#${String(r.id)})` },
		filter,
		token,
	);
}

export async function searchPractices(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search.call(
		this,
		{ path: '/practices', rootKey: 'practices', filterField: 'name', name: (r) => `${String(r.name)} (#${String(r.id)})` },
		filter,
		token,
	);
}

export async function searchDoctors(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search.call(
		this,
		{ path: '/doctors', rootKey: 'doctors', filterField: 'last_name', name: (r) => `${personName(r)} (#${String(r.id)})` },
		filter,
		token,
	);
}

export async function searchPatients(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search.call(
		this,
		{ path: '/patients', rootKey: 'patients', filterField: 'last_name', name: (r) => `${personName(r)} (#${String(r.id)})` },
		filter,
		token,
	);
}

export async function searchInvoices(this: ILoadOptionsFunctions, filter?: string, token?: string) {
	return await search.call(
		this,
		{
			path: '/invoices',
			rootKey: 'invoices',
			filterField: 'patient_id',
			name: (r) =>
				`Invoice #${String(r.id)}${r.date_of_service ? ` of ${String(r.date_of_service)}` : ''} (patient #${String(r.patient_id)})`,
		},
		filter,
		token,
	);
}
