/**
 * `X-InboxHealth-Signature`: base64(HMAC-SHA1(api key, url + normalize(body))),
 * where `normalize` reproduces oauth-ruby's `OAuth::Helper.normalize` (with
 * `normalize_nested_query`) on the parsed JSON body:
 *
 * - top-level pairs are sorted by key (bytewise) and joined with `&`;
 * - a top-level array of scalars gives `key=value` per value, values sorted
 *   (an empty array gives `key=`);
 * - hashes, and arrays whose first element is a hash, are flattened to
 *   `prefix[key]` / `prefix[]` names; each group's encoded `name=value`
 *   strings are sorted; an empty group contributes an empty string (so Ruby's
 *   `Array#join` leaves two `&` in a row);
 * - names and values are percent-encoded as UTF-8 except `A-Z a-z 0-9 - . _ ~`,
 *   with upper-case hex; null is the empty string, booleans `true`/`false`,
 *   numbers as JavaScript writes them.
 */
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-InboxHealth-Signature';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function sign(url: string, body: object, key: string): string {
	return createHmac('sha1', key)
		.update(url + normalize(body))
		.digest('base64');
}

export function normalize(params: object): string {
	return Object.entries(params as Record<string, Json>)
		.sort(([a], [b]) => compareBytes(a, b))
		.map(([key, value]) => normalizePair(key, value).join('&'))
		.join('&');
}

function normalizePair(key: string, value: Json): string[] {
	if (Array.isArray(value)) {
		const values = value.length === 0 ? [null] : value;
		if (isHash(values[0])) return normalizeNested(values, key);
		return sortScalars(values).map((element) => `${escape(key)}=${escape(element)}`);
	}
	if (isHash(value)) return normalizeNested(value, key);
	return [`${escape(key)}=${escape(value)}`];
}

function normalizeNested(value: Json, prefix: string): string[] {
	if (Array.isArray(value)) return sortStrings(value.flatMap((element) => normalizeNested(element, `${prefix}[]`)));
	if (isHash(value)) {
		return sortStrings(Object.entries(value).flatMap(([key, element]) => normalizeNested(element, `${prefix}[${key}]`)));
	}
	return [`${escape(prefix)}=${escape(value)}`];
}

function isHash(value: Json | undefined): value is { [key: string]: Json } {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ruby's `Array#sort` of scalars: numbers numerically, otherwise by their string form. */
function sortScalars(values: Json[]): Json[] {
	const numeric = values.every((value) => typeof value === 'number');
	return [...values].sort((a, b) => (numeric ? (a as number) - (b as number) : compareBytes(toText(a), toText(b))));
}

function sortStrings(values: string[]): string[] {
	return values.sort(compareBytes);
}

/** Bytewise comparison of the UTF-8 encodings, as Ruby compares strings. */
function compareBytes(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Ruby's `to_s` of a parsed JSON value (nested arrays/objects, which the payloads never hold there, as JSON). */
function toText(value: Json): string {
	if (value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

function escape(value: Json): string {
	let escaped = '';
	for (const character of toText(value)) {
		if (UNRESERVED.test(character)) {
			escaped += character;
		} else {
			for (const byte of Buffer.from(character, 'utf8')) escaped += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
		}
	}
	return escaped;
}
