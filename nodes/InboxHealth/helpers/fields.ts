/**
 * Small field helpers shared by the operations: plain ID fields, reading a fields collection,
 * ID lists, and refusing an update that would send nothing.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requireCents, requireDate, requireId } from './validation';

/** A plain "<Thing> ID" field for records that have no list to pick from. */
export function idField(
	name: string,
	displayName: string,
	description: string,
	required = true,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required,
		default: '',
		placeholder: 'e.g. 123',
		description,
	};
}

/** The numeric ID typed in a plain ID field. */
export function idParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	displayName: string,
): number {
	return requireId.call(this, this.getNodeParameter(name, itemIndex, ''), displayName, itemIndex);
}

/**
 * Validates and cleans the fields of an "Additional Fields" or "Update Fields" collection, named
 * as the API names them: `*_cents` must be whole cents, `*_id` numeric IDs, dates YYYY-MM-DD
 * (the fields listed in `dates`); empty text is left out. `labels` gives the display names used
 * in messages.
 */
export function cleanFields(
	this: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
	labels: Record<string, string>,
	{ dates = [] as string[], skip = [] as string[] } = {},
): IDataObject {
	const record: IDataObject = {};
	for (const [field, value] of Object.entries(values)) {
		if (skip.includes(field)) continue;
		const label = labels[field] ?? field;
		if (field.endsWith('_cents')) {
			record[field] = requireCents.call(this, value, label, itemIndex);
		} else if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			continue;
		} else if (field.endsWith('_id')) {
			record[field] = requireId.call(this, value, label, itemIndex);
		} else if (dates.includes(field)) {
			record[field] = requireDate.call(this, value, label, itemIndex);
		} else {
			record[field] = typeof value === 'string' ? value.trim() : value;
		}
	}
	return record;
}

/** An update with nothing to change is a mistake in the workflow: say so instead of sending `{}`. */
export function requireSomethingToUpdate(
	this: IExecuteFunctions,
	record: IDataObject,
	itemIndex: number,
	where = '"Update Fields"',
): void {
	if (Object.keys(record).length === 0) {
		throw new NodeOperationError(this.getNode(), `Nothing to update: add at least one field under ${where}`, {
			itemIndex,
		});
	}
}

/** A list of numeric IDs from a comma-separated text or an array given by an expression. */
export function idList(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	const ids: number[] = [];
	for (const part of parts) {
		if (String(part ?? '').trim() === '') continue;
		const id = requireId.call(this, part, field, itemIndex);
		if (!ids.includes(id)) ids.push(id);
	}
	return ids;
}
