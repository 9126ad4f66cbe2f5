import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalize, sign } from '../../sandbox/signature';

/** The documentation's worked example (a copy of the shared reference signature-example.json; its patient is fictional). */
const VECTOR_PATH = join(__dirname, 'fixtures', 'signature-example.json');

describe('X-InboxHealth-Signature', () => {
	it('reproduces the documented test vector', () => {
		const vector = JSON.parse(readFileSync(VECTOR_PATH, 'utf8')) as { url: string; api_key: string; body: string; signature: string };
		const body = JSON.parse(vector.body) as Record<string, unknown>;
		const normalized = normalize(body);
		expect(normalized.startsWith(
			'created_at=2019-08-29T12%3A06%3A53.000-04%3A00&event_data%5Bobject%5D%5Baddress_line_1%5D=123%20Mansion%20Rd&event_data%5Bobject%5D%5Baddress_line_2%5D=&',
		)).toBe(true);
		expect(normalized.endsWith('&event_type=patient_created&id=4806&livemode=false')).toBe(true);
		expect(sign(vector.url, body, vector.api_key)).toBe(vector.signature);
	});

	describe('normalize (oauth-ruby OAuth::Helper.normalize)', () => {
		it.each([
			['sorts top-level keys bytewise', { b: 1, B: 2, a: 3 }, 'B=2&a=3&b=1'],
			['writes null as empty and booleans as words', { n: null, t: true, f: false }, 'f=false&n=&t=true'],
			['escapes all but unreserved characters, as UTF-8 with upper-case hex', { 'k y': "a b~-._*!'()/é" }, 'k%20y=a%20b~-._%2A%21%27%28%29%2F%C3%A9'],
			['repeats the key for top-level scalar arrays, values sorted', { ids: [10, 9, 2] }, 'ids=2&ids=9&ids=10'],
			['keeps a top-level empty array as key=', { list: [] }, 'list='],
			['flattens hashes as prefix[key], sorted as encoded strings', { h: { z: 1, a: { b: 'x' } } }, 'h%5Ba%5D%5Bb%5D=x&h%5Bz%5D=1'],
			['flattens arrays of hashes as prefix[]', { items: [{ v: 2 }, { v: 1 }] }, 'items%5B%5D%5Bv%5D=1&items%5B%5D%5Bv%5D=2'],
			['flattens arrays inside hashes as prefix[]', { h: { tags: ['b', 'a'] } }, 'h%5Btags%5D%5B%5D=a&h%5Btags%5D%5B%5D=b'],
			['leaves an empty string for an empty nested group, as Ruby joins it', { a: 1, e: {}, z: 2 }, 'a=1&&z=2'],
		])('%s', (_case, params, expected) => {
			expect(normalize(params)).toBe(expected);
		});
	});

	it('signs url + normalized string with HMAC-SHA1 and base64', () => {
		// openssl: printf 'https://example.com/hooka=1' | openssl dgst -sha1 -hmac key -binary | base64
		expect(sign('https://example.com/hook', { a: 1 }, 'key')).toBe('7jj1MIQFg+efilWyJnQiR1GhX2M=');
	});
});
