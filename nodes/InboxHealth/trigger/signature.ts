import { createHmac, timingSafeEqual } from 'crypto';

import type { JsonObject, RawJson } from './json';
import { isJsonObject, JsonNumber } from './json';

/**
 * `X-InboxHealth-Signature` = base64(HMAC-SHA1(key = API key, message = registered URL +
 * normalised body)). The sender normalises with oauth-ruby's `OAuth::Helper.normalize` (and
 * `normalize_nested_query`) over the body's parameters; this file reproduces it on the body as
 * parsed by `./json` (numbers keep the text the sender wrote):
 *
 * ```ruby
 * def normalize(params)
 *   params.sort.map do |k, values|
 *     if values.is_a?(Array)
 *       values << nil if values.empty?
 *       if values[0].is_a?(Hash)
 *         normalize_nested_query(values, k)
 *       else
 *         values.sort.collect { |v| [escape(k), escape(v)] * "=" }
 *       end
 *     elsif values.is_a?(Hash)
 *       normalize_nested_query(values, k)
 *     else
 *       [escape(k), escape(values)] * "="
 *     end
 *   end * "&"
 * end
 * ```
 *
 * Ruby details that matter: `params.sort` orders the keys bytewise (UTF-8); `values.sort` sorts
 * top-level scalar arrays by value before escaping; `normalize_nested_query` sorts the escaped
 * `name=value` strings of each nested group; `Array#join` flattens nested arrays, so a top-level
 * key whose group is empty (`{}` or `[{}]`) still contributes its separator (`a=1&&c=3`).
 */

/** The header as Node.js presents it (lower case). */
export const SIGNATURE_HEADER = 'x-inboxhealth-signature';

export function computeSignature(url: string, params: JsonObject, key: string): string {
	return createHmac('sha1', key)
		.update(url + normalize(params), 'utf8')
		.digest('base64');
}

/**
 * Compares a received signature with the expected one in constant time (for equal lengths; the
 * length of a base64 SHA-1 digest is public anyway).
 */
export function signaturesMatch(expected: string, received: unknown): boolean {
	if (typeof received !== 'string' || received.trim() === '') return false;
	const expectedBytes = Buffer.from(expected, 'utf8');
	const receivedBytes = Buffer.from(received.trim(), 'utf8');
	if (expectedBytes.length !== receivedBytes.length) {
		timingSafeEqual(expectedBytes, expectedBytes);
		return false;
	}
	return timingSafeEqual(expectedBytes, receivedBytes);
}

/** `OAuth::Helper.normalize` of the body's top-level parameters. */
export function normalize(params: JsonObject): string {
	return [...params.keys()]
		.sort(compareUtf8)
		.map((key) => normalizeParameter(key, params.get(key) as RawJson))
		.join('&');
}

function normalizeParameter(key: string, value: RawJson): string {
	if (Array.isArray(value)) {
		const values = value.length === 0 ? [null] : value;
		if (isJsonObject(values[0])) return normalizeNestedQuery(values, key).join('&');
		// NB: oauth-ruby writes the key of a top-level scalar array without `[]`.
		const name = escape(key);
		return sortLikeRuby(values)
			.map((element) => `${name}=${escape(rubyToS(element))}`)
			.join('&');
	}
	if (isJsonObject(value)) return normalizeNestedQuery(value, key).join('&');
	return `${escape(key)}=${escape(rubyToS(value))}`;
}

/** Rack-style flattening: `a[b][c]=v`, `a[b][]=v`, `a[][b]=v`; each group sorted as escaped strings. */
function normalizeNestedQuery(value: RawJson, prefix: string): string[] {
	if (Array.isArray(value)) {
		return value.flatMap((element) => normalizeNestedQuery(element, `${prefix}[]`)).sort(compareAscii);
	}
	if (isJsonObject(value)) {
		const pairs: string[] = [];
		for (const [key, element] of value) pairs.push(...normalizeNestedQuery(element, `${prefix}[${key}]`));
		return pairs.sort(compareAscii);
	}
	return [`${escape(prefix)}=${escape(rubyToS(value))}`];
}

/**
 * `Array#sort` of a top-level array's scalars: numbers by value, strings bytewise. Ruby cannot
 * compare mixed types (the sender could not sign such a body); those fall back to their text.
 */
function sortLikeRuby(values: RawJson[]): RawJson[] {
	const sorted = [...values];
	if (sorted.every((element) => element instanceof JsonNumber)) {
		return sorted.sort((a, b) => (a as JsonNumber).value - (b as JsonNumber).value);
	}
	return sorted.sort((a, b) => compareUtf8(rubyToS(a), rubyToS(b)));
}

/** Ruby's `to_s` of a parsed JSON value: nil → "", numbers as written, arrays/hashes via inspect. */
function rubyToS(value: RawJson): string {
	if (value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (value instanceof JsonNumber) return value.text;
	return rubyInspect(value);
}

/**
 * Ruby's `inspect`, needed only when a top-level array holds arrays (`[1, "a", nil]`); hashes
 * use the Ruby 3.4 form `{"a" => 1}`. Non-ASCII characters are printed as they are.
 */
function rubyInspect(value: RawJson): string {
	if (value === null) return 'nil';
	if (typeof value === 'string') return inspectString(value);
	if (typeof value === 'boolean' || value instanceof JsonNumber) return rubyToS(value);
	if (Array.isArray(value)) return `[${value.map(rubyInspect).join(', ')}]`;
	if (value.size === 0) return '{}';
	const pairs = [...value].map(([key, element]) => `${inspectString(key)} => ${rubyInspect(element)}`);
	return `{${pairs.join(', ')}}`;
}

const INSPECT_ESCAPES: Record<string, string> = {
	'"': '\\"',
	'\\': '\\\\',
	'\n': '\\n',
	'\t': '\\t',
	'\r': '\\r',
	'\f': '\\f',
	'\v': '\\v',
	'\b': '\\b',
	'\x07': '\\a',
	'\x1b': '\\e',
};

function inspectString(text: string): string {
	const body = text.replace(/["\\\x00-\x1f\x7f]|#(?=[{$@])/g, (character) => {
		if (character === '#') return '\\#';
		return (
			INSPECT_ESCAPES[character] ??
			`\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
		);
	});
	return `"${body}"`;
}

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;

/**
 * `OAuth::Helper.escape`: percent-encodes the UTF-8 bytes of everything except
 * `A-Z a-z 0-9 - . _ ~`, with upper-case hex (a space is `%20`, never `+`).
 */
export function escape(text: string): string {
	if (UNRESERVED_ONLY.test(text)) return text;
	let encoded: string;
	try {
		encoded = encodeURIComponent(text);
	} catch {
		// A lone surrogate: encode the bytes Node.js would send (U+FFFD).
		encoded = '';
		for (const byte of Buffer.from(text, 'utf8')) {
			encoded += isUnreserved(byte)
				? String.fromCharCode(byte)
				: `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
		}
		return encoded;
	}
	// encodeURIComponent leaves ! ' ( ) * alone; OAuth does not.
	return encoded.replace(
		/[!'()*]/g,
		(character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

function isUnreserved(byte: number): boolean {
	return (
		(byte >= 0x41 && byte <= 0x5a) ||
		(byte >= 0x61 && byte <= 0x7a) ||
		(byte >= 0x30 && byte <= 0x39) ||
		byte === 0x2d ||
		byte === 0x2e ||
		byte === 0x5f ||
		byte === 0x7e
	);
}

/** Plain comparison, for escaped strings (ASCII only, where it equals the bytewise order). */
function compareAscii(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ruby's `String#<=>`: the order of the UTF-8 bytes, which is code point order. UTF-16 code
 * units give the same order except that surrogates (U+D800–DFFF, the halves of characters
 * above U+FFFF) must sort after U+E000–FFFF; shifting them fixes that without allocating.
 */
export function compareUtf8(a: string, b: string): number {
	const length = Math.min(a.length, b.length);
	for (let index = 0; index < length; index++) {
		const x = a.charCodeAt(index);
		const y = b.charCodeAt(index);
		if (x !== y) return codePointOrder(x) - codePointOrder(y);
	}
	return a.length - b.length;
}

function codePointOrder(unit: number): number {
	if (unit < 0xd800) return unit;
	return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
