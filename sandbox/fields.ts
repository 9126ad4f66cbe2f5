/**
 * Field specifications of the resource table and the Rails-like casting and
 * validation of request attributes against them. Fields a resource does not
 * declare are accepted and stored as sent ("be liberal in what you accept"),
 * except that any `*_cents` field must be an integer number of cents.
 */
import { ValidationErrors } from './errors';
import type { Fields } from './store';

export type FieldType = 'string' | 'integer' | 'cents' | 'boolean' | 'date' | 'integer[]' | 'string[]';

export interface FieldSpec {
	type?: FieldType;
	/** Blank values are rejected ("can't be blank", or "must exist" for references). */
	required?: boolean;
	/** Name of the resource (table) the integer value(s) must point to. */
	ref?: string;
	/** Allowed values. */
	oneOf?: readonly string[];
	/** A format check of the cast value: returns the error message, if any. */
	check?(value: unknown): string | undefined;
	/** Value of the field in a new record when the request does not set it. */
	default?: unknown;
	/** Computed by the sandbox: ignored on input. */
	readOnly?: boolean;
	/** Accepted on input but never stored in the record (e.g. base64 file data). */
	writeOnly?: boolean;
}

export type FieldSpecs = Record<string, FieldSpec>;

/** Columns managed by the store or the presenter: never taken from a request. */
const MANAGED_FIELDS = new Set(['id', 'object', 'created_at', 'updated_at', 'links']);

const CENTS: FieldSpec = { type: 'cents' };

export function specFor(specs: FieldSpecs, field: string): FieldSpec | undefined {
	return specs[field] ?? (field.endsWith('_cents') ? CENTS : undefined);
}

/** The default values of every declared, stored field (the shape of a new record). */
export function defaultsOf(specs: FieldSpecs): Fields {
	const defaults: Fields = {};
	for (const [field, spec] of Object.entries(specs)) {
		if (spec.writeOnly) continue;
		const value = spec.default ?? null;
		defaults[field] = Array.isArray(value) ? [...value] : value;
	}
	return defaults;
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

export function isPlainObject(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface CastOptions {
	/** Update semantics: only the fields present are checked. */
	partial: boolean;
	/** Fields not to check for presence (e.g. the parent key of a nested record). */
	skipRequired?: ReadonlySet<string>;
	/** Looks a referenced record up; references that return false "must exist". */
	exists(resource: string, id: number): boolean;
}

/**
 * Casts and validates `input` against `specs`. Returns the cast attributes
 * (read-only and managed fields dropped); problems are added to `errors`.
 */
export function castAttributes(specs: FieldSpecs, input: Fields, errors: ValidationErrors, options: CastOptions): Fields {
	const attributes: Fields = {};
	for (const [field, raw] of Object.entries(input)) {
		const spec = specFor(specs, field);
		if (MANAGED_FIELDS.has(field) || spec?.readOnly) continue;
		if (!spec) {
			attributes[field] = raw;
			continue;
		}
		const errorCount = errors.count(field);
		const value = castField(field, raw, spec, errors, options);
		const problem = !isBlank(value) && errors.count(field) === errorCount ? spec.check?.(value) : undefined;
		if (problem) errors.add(field, problem);
		attributes[field] = value;
	}
	for (const [field, spec] of Object.entries(specs)) {
		const checked = !options.partial || field in input;
		if (spec.required && checked && !options.skipRequired?.has(field) && isBlank(attributes[field])) {
			errors.add(field, spec.ref ? 'must exist' : "can't be blank");
		}
	}
	return attributes;
}

function castField(field: string, raw: unknown, spec: FieldSpec, errors: ValidationErrors, options: CastOptions): unknown {
	// Rails casts "" to nil for typed (non-string) columns.
	const typedNonString = spec.type !== undefined && spec.type !== 'string';
	if (raw === null || raw === undefined || (raw === '' && typedNonString)) return null;
	const fail = (message: string): unknown => {
		errors.add(field, message);
		return raw;
	};
	switch (spec.type) {
		case 'integer':
		case 'cents': {
			const value = toInteger(raw);
			if (value === undefined) return fail('must be an integer');
			if (spec.type === 'cents' && value < 0) return fail('must be greater than or equal to 0');
			if (spec.ref && !options.exists(spec.ref, value)) return fail('must exist');
			return value;
		}
		case 'boolean': {
			const value = toBoolean(raw);
			return value === undefined ? fail('must be true or false') : value;
		}
		case 'date': {
			const value = toDate(raw);
			return value === undefined ? fail('must be a date (YYYY-MM-DD)') : value;
		}
		case 'integer[]': {
			const values = Array.isArray(raw) ? raw.map(toInteger) : [undefined];
			if (values.some((value) => value === undefined)) return fail('must be an array of integers');
			const ids = values as number[];
			if (spec.ref && ids.some((id) => !options.exists(spec.ref as string, id))) return fail('must exist');
			return ids;
		}
		case 'string[]': {
			const valid = Array.isArray(raw) && raw.every((value) => typeof value === 'string' && value.trim() !== '');
			return valid ? raw : fail('must be an array of non-empty strings');
		}
		case 'string':
		case undefined: {
			if (isPlainObject(raw) || Array.isArray(raw)) return spec.type ? fail('is invalid') : raw;
			const value = spec.type ? String(raw) : raw;
			if (spec.oneOf && !spec.oneOf.includes(String(value))) return fail('is not included in the list');
			return value;
		}
	}
}

/** Integers and integer strings (Rails' `only_integer` numericality); anything else is undefined. */
export function toInteger(raw: unknown): number | undefined {
	if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : undefined;
	if (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)) {
		const value = Number(raw);
		return Number.isSafeInteger(value) ? value : undefined;
	}
	return undefined;
}

const TRUE_VALUES = new Set(['true', '1', 't', 'yes']);
const FALSE_VALUES = new Set(['false', '0', 'f', 'no']);

function toBoolean(raw: unknown): boolean | undefined {
	if (typeof raw === 'boolean') return raw;
	const text = String(raw).trim().toLowerCase();
	if (TRUE_VALUES.has(text)) return true;
	if (FALSE_VALUES.has(text)) return false;
	return undefined;
}

/** `YYYY-MM-DD`, or an ISO timestamp whose date part is taken (as Rails casts it to a date column). */
function toDate(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(raw.trim());
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return real ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}
