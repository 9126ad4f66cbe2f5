/**
 * List semantics shared by every collection route: `filter[<field>]=<value>`,
 * `sort=<field>[,-<field>...]` and `page` / `per_page` pagination.
 */
import type { Row } from './store';

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;

export interface ListParams {
	page: number;
	perPage: number;
	sort: Array<{ field: string; descending: boolean }>;
	filters: Array<{ field: string; value: string }>;
}

type Query = Record<string, unknown>;

export function parseListParams(query: Query): ListParams {
	const page = positiveInteger(query.page) ?? 1;
	const perPage = Math.min(positiveInteger(query.per_page) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
	const sort = lastValue(query.sort)
		.split(',')
		.map((key) => key.trim())
		.filter((key) => key !== '' && key !== '-')
		.map((key) => (key.startsWith('-') ? { field: key.slice(1), descending: true } : { field: key, descending: false }));
	const filters = Object.keys(query)
		.map((key) => /^filter\[(.+)\]$/.exec(key))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({ field: match[1], value: lastValue(query[match[0]]) }));
	return { page, perPage, sort, filters };
}

export function paginate(rows: Row[], params: ListParams): Row[] {
	const filtered = rows.filter((row) => params.filters.every(({ field, value }) => matches(row[field], value)));
	const sorted = filtered.sort((a, b) => compareRows(a, b, params.sort));
	const start = (params.page - 1) * params.perPage;
	return sorted.slice(start, start + params.perPage);
}

/** Case-insensitive substring match on strings; exact match on numbers and booleans; any element of an array. */
function matches(actual: unknown, expected: string): boolean {
	if (Array.isArray(actual)) return actual.some((element) => matches(element, expected));
	if (typeof actual === 'string') return actual.toLowerCase().includes(expected.toLowerCase());
	if (typeof actual === 'number' || typeof actual === 'boolean') return String(actual) === expected.trim().toLowerCase();
	return false;
}

function compareRows(a: Row, b: Row, sort: ListParams['sort']): number {
	for (const { field, descending } of sort) {
		const order = compareValues(a[field], b[field]);
		if (order !== 0) return descending ? -order : order;
	}
	return a.id - b.id;
}

/** Ascending order with nulls last (so descending puts them first, like PostgreSQL). */
function compareValues(a: unknown, b: unknown): number {
	const aMissing = a === null || a === undefined;
	const bMissing = b === null || b === undefined;
	if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const [x, y] = [String(a), String(b)];
	return x < y ? -1 : x > y ? 1 : 0;
}

function positiveInteger(raw: unknown): number | undefined {
	const value = Number(lastValue(raw));
	return Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** A repeated query parameter arrives as an array: the last one wins, as in Rails. */
function lastValue(raw: unknown): string {
	const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
	return typeof value === 'string' ? value : '';
}
