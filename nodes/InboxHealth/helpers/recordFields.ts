/**
 * Pieces shared by the enterprise, practice, doctor, patient and balance operations: address and
 * time zone fields, the "Other Fields (JSON)" escape hatch, reading an Additional/Update Fields
 * collection into an API record, and the factory for "Get <children>" list operations.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { LocatorKind } from './locators';
import { locator, locatorId } from './locators';
import { compact, parseJsonObject } from './records';
import { simplifyIfAsked, simplifyProperty } from './simplify';
import { idList } from './fields';
import { limitParameter, returnAllProperties } from './getMany';
import { requireDate, requireId } from './validation';
import { apiRequestAllItems } from '../transport';
import type { OperationDefinition } from '../actions/types';

/**
 * The time zones the API accepts are Rails' `ActiveSupport::TimeZone` names; these are the
 * United States ones (`ActiveSupport::TimeZone.us_zones`) and the US territories. Any other
 * Rails zone name can be given by expression.
 */
export const TIME_ZONES = [
	'Alaska',
	'American Samoa',
	'Arizona',
	'Central Time (US & Canada)',
	'Eastern Time (US & Canada)',
	'Guam',
	'Hawaii',
	'Indiana (East)',
	'Mountain Time (US & Canada)',
	'Pacific Time (US & Canada)',
	'Puerto Rico',
	'UTC',
] as const;

export const timeZoneField: INodeProperties = {
	displayName: 'Time Zone',
	name: 'time_zone',
	type: 'options',
	options: TIME_ZONES.map((zone) => ({ name: zone, value: zone })),
	default: 'Eastern Time (US & Canada)',
	description:
		'Time zone, as a Rails time zone name. Other Rails names (e.g. "Mountain Time (US & Canada)") can be set with an expression.',
};

/** address_line_1, address_line_2, city, state, zip (sorted by display name by the caller). */
export const addressFields: INodeProperties[] = [
	{
		displayName: 'Address Line 1',
		name: 'address_line_1',
		type: 'string',
		default: '',
		placeholder: 'e.g. 55 Church St',
	},
	{
		displayName: 'Address Line 2',
		name: 'address_line_2',
		type: 'string',
		default: '',
		placeholder: 'e.g. Floor 7',
	},
	{
		displayName: 'City',
		name: 'city',
		type: 'string',
		default: '',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		placeholder: 'e.g. CT',
		description: 'State, preferably as its two-letter code',
	},
	{
		displayName: 'Zip',
		name: 'zip',
		type: 'string',
		default: '',
		placeholder: 'e.g. 06510',
		description: 'ZIP code (kept as text so leading zeros stay)',
	},
];

export const OTHER_FIELDS_JSON = 'otherFieldsJson';

/** The "Other Fields (JSON)" entry of an Additional Fields / Update Fields collection. */
export const otherFieldsJsonField: INodeProperties = {
	displayName: 'Other Fields (JSON)',
	name: OTHER_FIELDS_JSON,
	type: 'json',
	default: '{}',
	description:
		'Any other field of the record as a JSON object, sent as it is (e.g. {"precollection": true}); null clears a field. Fields set above take precedence.',
};

/** Sorts collection options by display name, as n8n lists them. */
export function byDisplayName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export interface CollectOptions {
	/** Fields holding a calendar date (validated, sent as YYYY-MM-DD). */
	dates?: Record<string, string>;
	/** Fields holding one record ID (validated, sent as a number). */
	ids?: Record<string, string>;
	/** Fields holding a list of record IDs ("12, 15" or an array; sent as an array of numbers). */
	idLists?: Record<string, string>;
	/** Fields holding an email address (checked for an @). */
	emails?: Record<string, string>;
}

/**
 * Reads an Additional Fields / Update Fields collection into API fields: empty entries are
 * dropped, "Other Fields (JSON)" is merged underneath, and dates, IDs and emails are validated
 * (keys of `options` are field names, values the labels used in error messages).
 */
export function collectFields(
	this: IExecuteFunctions,
	parameterName: string,
	itemIndex: number,
	options: CollectOptions = {},
): IDataObject {
	const collection = this.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	const { [OTHER_FIELDS_JSON]: json, ...fields } = collection;
	const record: IDataObject = {
		...parseJsonObject.call(this, json, 'Other Fields (JSON)', itemIndex),
		...compact(fields),
	};
	return normalizeFields.call(this, record, itemIndex, options);
}

/** Validates and converts the dates, IDs and emails of a record (see CollectOptions). */
export function normalizeFields(
	this: IExecuteFunctions,
	record: IDataObject,
	itemIndex: number,
	options: CollectOptions = {},
): IDataObject {
	for (const [field, label] of Object.entries(options.dates ?? {})) {
		if (record[field] === undefined || record[field] === null) continue;
		record[field] = requireDate.call(this, record[field], label, itemIndex);
	}
	for (const [field, label] of Object.entries(options.ids ?? {})) {
		if (record[field] === undefined || record[field] === null) continue;
		record[field] = requireId.call(this, record[field], label, itemIndex);
	}
	for (const [field, label] of Object.entries(options.idLists ?? {})) {
		if (record[field] === undefined || record[field] === null) continue;
		record[field] = idList.call(this, record[field], label, itemIndex);
	}
	for (const [field, label] of Object.entries(options.emails ?? {})) {
		if (record[field] === undefined || record[field] === null || record[field] === '') continue;
		requireEmail.call(this, record[field], label, itemIndex);
	}
	return record;
}

export function requireEmail(this: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = String(value ?? '').trim();
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
		throw new NodeOperationError(this.getNode(), `"${field}" must be an email address (got "${text}")`, {
			itemIndex,
		});
	}
	return text;
}

/** A required text parameter, trimmed; empty → an error naming the field. */
export function requireText(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const text = String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!text) {
		throw new NodeOperationError(this.getNode(), `"${label}" is required`, { itemIndex });
	}
	return text;
}

/** The Update Fields collection of a resource (same options as Additional Fields). */
export function updateFieldsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: byDisplayName(options),
	};
}

/** The Additional Fields collection of a resource's Create. */
export function additionalFieldsProperty(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: byDisplayName(options),
	};
}

export interface ChildListSpec {
	parent: LocatorKind;
	/** The parent's path segment, e.g. `enterprises`. */
	parentPath: string;
	/** The child collection's path segment and the response's root key, e.g. `practices`. */
	child: string;
	value: string;
	name: string;
	action: string;
	description: string;
	/** With these, a Simplify option keeps only these fields of each record. */
	simplifyFields?: readonly string[];
}

/** "Get Practices" of an enterprise and the like: `GET /<parent>/<id>/<child>`, every page or up to a limit. */
export function childListOperation(spec: ChildListSpec): OperationDefinition {
	const properties: INodeProperties[] = [
		locator(spec.parent),
		...returnAllProperties,
	];
	if (spec.simplifyFields) properties.push(simplifyProperty);
	const label = spec.parent.charAt(0).toUpperCase() + spec.parent.slice(1);
	return {
		option: { name: spec.name, value: spec.value, action: spec.action, description: spec.description },
		properties,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = locatorId.call(this, `${spec.parent}Id`, itemIndex, label);
			const records = await apiRequestAllItems.call(this, `/${spec.parentPath}/${id}/${spec.child}`, {
				limit: limitParameter.call(this, itemIndex),
				rootKey: spec.child,
				itemIndex,
			});
			return spec.simplifyFields ? simplifyIfAsked.call(this, itemIndex, records, spec.simplifyFields) : records;
		},
	};
}

/** Fields kept by Simplify on patients (money stays in cents). */
export const PATIENT_SIMPLE_FIELDS = [
	'id',
	'first_name',
	'middle_name',
	'last_name',
	'date_of_birth',
	'sex',
	'email',
	'enterprise_id',
	'practice_id',
	'health_record_id',
	'balance_cents',
	'billing_status',
] as const;

/** Fields kept by Simplify on enterprises. */
export const ENTERPRISE_SIMPLE_FIELDS = [
	'id',
	'name',
	'address_line_1',
	'address_line_2',
	'city',
	'state',
	'zip',
	'support_phone_number',
	'time_zone',
	'practices',
	'created_at',
] as const;
