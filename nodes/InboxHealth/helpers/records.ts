import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { InboxHealthContext } from '../transport';
import { apiRequest } from '../transport';

/**
 * Sends one record wrapped in its root key (`{"patient": {...}}`) and returns the record the API
 * answered with, unwrapped. `extra` carries the documented top-level keys beside the root
 * (`email` on invoices, `invoice_id` on payments, `voided` on payment adjustments).
 */
export async function sendRecord(
	this: InboxHealthContext,
	method: IHttpRequestMethods,
	path: string,
	rootKey: string,
	record: IDataObject,
	options: { extra?: IDataObject; itemIndex?: number } = {},
): Promise<IDataObject> {
	const body = await apiRequest.call(this, method, path, {
		body: { ...options.extra, [rootKey]: record },
		itemIndex: options.itemIndex,
	});
	return unwrap(body as IDataObject, rootKey);
}

/** GET one record and unwrap it. */
export async function getRecord(
	this: InboxHealthContext,
	path: string,
	rootKey: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const body = await apiRequest.call(this, 'GET', path, { itemIndex });
	return unwrap(body as IDataObject, rootKey);
}

/** DELETE a record; the node's output for it is `{ deleted: true }`. */
export async function deleteRecord(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
): Promise<IDataObject> {
	await apiRequest.call(this, 'DELETE', path, { itemIndex });
	return { deleted: true };
}

/** `{"patient": {...}}` → `{...}`; an answer without the root key is returned as it is. */
export function unwrap(body: IDataObject, rootKey: string): IDataObject {
	const record = body?.[rootKey];
	return record && typeof record === 'object' && !Array.isArray(record)
		? (record as IDataObject)
		: body;
}

/** Drops fields left empty in the UI so they do not overwrite values with blanks. */
export function compact(fields: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = value;
	}
	return result;
}

/** Parses a JSON parameter ("Additional Fields (JSON)") into an object, or says which field is wrong. */
export function parseJsonObject(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	try {
		const parsed = JSON.parse(String(value));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	} catch {
		// reported below with the field's name
	}
	throw new NodeOperationError(this.getNode(), `"${field}" must be a JSON object`, { itemIndex });
}
