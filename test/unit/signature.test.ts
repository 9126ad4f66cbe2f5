import { createHmac } from 'node:crypto';

import type { JsonObject } from '../../nodes/InboxHealth/trigger/json';
import { JsonNumber, JsonSyntaxError, MAX_DEPTH, parseJson, toPlain } from '../../nodes/InboxHealth/trigger/json';
import {
	compareUtf8,
	computeSignature,
	escape,
	normalize,
	signaturesMatch,
} from '../../nodes/InboxHealth/trigger/signature';
import { sign as sandboxSign } from '../../sandbox/signature';

/**
 * The worked example of the Inbox Health partner documentation ("X-InboxHealth-Signature
 * Header"), also in the shared reference as signature-example.json. Its patient is the
 * documentation's fictional sample record, not real patient data.
 */
const vector = {
	url: 'https://coolcompany.com/api/v1/webhooks',
	api_key: 'api_key',
	body: '{"created_at": "2019-08-29T12:06:53.000-04:00", "event_data": {"object": {"address_line_1": "123 Mansion Rd", "address_line_2": null, "balance_cents": 0, "cell_phone": "(555) 555-5555", "city": "Thimbleweed Park", "collection_warning_letter_date": null, "contact_preference": "both", "corrected_address_line_1": null, "corrected_address_line_2": null, "corrected_city": null, "corrected_state": null, "corrected_zip": null, "created_at": "2019-08-24T23:08:14.691Z", "date_of_birth": "1987-10-07", "email": "weirded@edisons.com", "email_two": null, "employer_name": null, "employment_status": null, "enterprise_id": 10, "ethnicity": null, "first_name": "Ed", "health_record_id": "12345", "home_phone": null, "id": 669, "language": "English", "last_name": "Edison", "last_notified_at": null, "links": {"invoices": null, "notifications": null, "patient_payment_infos": null, "payments": null, "tickets": null}, "maiden_name": null, "marital_status": "Single", "middle_name": "E", "needs_card_update": false, "notes": null, "object": "patient", "occupation": null, "pharmacy_address_line_1": null, "pharmacy_address_line_2": null, "pharmacy_city": null, "pharmacy_name": null, "pharmacy_phone_number": null, "pharmacy_state": null, "phone_opt_out": false, "practice_id": 13, "primary": true, "race": null, "removed": false, "secondary_phone": "(555) 555-5555", "sex": "Male", "sms_opt_out": false, "soft_delete": 0, "ssn": "801-31-3292", "state": "WA", "statement_cycle_started_at": null, "updated_at": "2019-08-25T10:06:48.507Z", "user_id": null, "work_phone": "(555) 555-5555", "zip": "06510"}}, "event_type": "patient_created", "id": 4806, "livemode": false}',
	signature: '93G+w7p0GC2FB+us2KO8lT/XfZM=',
};

function object(text: string): JsonObject {
	const parsed = parseJson(text);
	if (!(parsed instanceof Map)) throw new Error('not an object');
	return parsed;
}

const norm = (text: string) => normalize(object(text));

describe('the documented test vector', () => {
	it('signs the example body, URL and key to the documented signature', () => {
		expect(computeSignature(vector.url, object(vector.body), vector.api_key)).toBe(vector.signature);
	});

	it('normalises to the documented beginning and end', () => {
		const normalized = norm(vector.body);
		expect(normalized.startsWith(
			'created_at=2019-08-29T12%3A06%3A53.000-04%3A00&event_data%5Bobject%5D%5Baddress_line_1%5D=123%20Mansion%20Rd&event_data%5Bobject%5D%5Baddress_line_2%5D=&',
		)).toBe(true);
		expect(normalized.endsWith('&event_type=patient_created&id=4806&livemode=false')).toBe(true);
		// The signature is the HMAC of URL + normalised string, nothing else.
		const hmac = createHmac('sha1', vector.api_key).update(vector.url + normalized).digest('base64');
		expect(hmac).toBe(vector.signature);
	});

	it('does not verify with another key, another URL or a changed value', () => {
		const body = object(vector.body);
		expect(computeSignature(vector.url, body, 'api_key2')).not.toBe(vector.signature);
		expect(computeSignature(`${vector.url}/`, body, vector.api_key)).not.toBe(vector.signature);
		const changed = object(vector.body.replace('"id": 4806', '"id": 4807'));
		expect(computeSignature(vector.url, changed, vector.api_key)).not.toBe(vector.signature);
	});
});

describe('normalisation rules', () => {
	it('writes numbers exactly as the body does', () => {
		expect(norm('{"a":0.0,"b":1.50,"c":-0,"d":1e5,"e":2.5E-3,"f":12345678901234567890,"g":1e+5}')).toBe(
			'a=0.0&b=1.50&c=-0&d=1e5&e=2.5E-3&f=12345678901234567890&g=1e%2B5',
		);
		// What JSON.parse + String() would have produced instead:
		expect(norm('{"a":0.0}')).not.toBe('a=0');
	});

	it('flattens nested objects to a[b][c] and sorts each group as encoded strings', () => {
		expect(norm('{"b":{"z":1,"a":{"c":"x"}},"a":"1"}')).toBe(
			'a=1&b%5Ba%5D%5Bc%5D=x&b%5Bz%5D=1',
		);
	});

	it('flattens nested arrays of scalars to a[b][] with the encoded pairs sorted', () => {
		expect(norm('{"a":{"b":[3,1,2]}}')).toBe(
			'a%5Bb%5D%5B%5D=1&a%5Bb%5D%5B%5D=2&a%5Bb%5D%5B%5D=3',
		);
		// Sorted after escaping: "%20" < "%C3%A9" < "~".
		expect(norm('{"a":{"b":["~","é"," "]}}')).toBe(
			'a%5Bb%5D%5B%5D=%20&a%5Bb%5D%5B%5D=%C3%A9&a%5Bb%5D%5B%5D=~',
		);
	});

	it('flattens arrays of objects to a[][b]', () => {
		expect(norm('{"items":[{"name":"b","qty":2},{"name":"a","qty":1}]}')).toBe(
			'items%5B%5D%5Bname%5D=a&items%5B%5D%5Bname%5D=b&items%5B%5D%5Bqty%5D=1&items%5B%5D%5Bqty%5D=2',
		);
	});

	it('writes a top-level array of scalars with the bare key and its values sorted by value', () => {
		expect(norm('{"ids":[10,9,100]}')).toBe('ids=9&ids=10&ids=100');
		expect(norm('{"tags":["b","a"]}')).toBe('tags=a&tags=b');
		// Sorted before escaping (Ruby sorts the values): " " < "~" < "é".
		expect(norm('{"k":["~","é"," "]}')).toBe('k=%20&k=~&k=%C3%A9');
	});

	it('keeps the key of an empty top-level array (k=)', () => {
		expect(norm('{"a":[],"b":1}')).toBe('a=&b=1');
	});

	it('lets nested empty objects and arrays contribute nothing', () => {
		expect(norm('{"a":{"b":{},"c":[],"d":1}}')).toBe('a%5Bd%5D=1');
	});

	it('keeps the separator of an empty top-level group, as Ruby Array#join does', () => {
		expect(norm('{"a":1,"m":{},"z":2}')).toBe('a=1&&z=2');
		expect(norm('{"a":{},"b":1}')).toBe('&b=1');
		expect(norm('{"a":[{}],"b":1}')).toBe('&b=1');
	});

	it('writes null as an empty value', () => {
		expect(norm('{"a":null,"b":{"c":null},"d":[null]}')).toBe('a=&b%5Bc%5D=&d=');
	});

	it('writes booleans as true and false', () => {
		expect(norm('{"t":true,"f":false,"n":{"x":true}}')).toBe('f=false&n%5Bx%5D=true&t=true');
	});

	it('percent-encodes UTF-8 (é, emoji), whether written directly or as \\u escapes', () => {
		expect(norm('{"name":"José 😀"}')).toBe('name=Jos%C3%A9%20%F0%9F%98%80');
		expect(norm('{"name":"Jos\\u00e9 \\ud83d\\ude00"}')).toBe('name=Jos%C3%A9%20%F0%9F%98%80');
	});

	it('escapes reserved characters, leaves A-Z a-z 0-9 - . _ ~ alone', () => {
		expect(norm(`{"q":"a b+c&d=e/f~g*h'i(j)k!l-m.n_o"}`)).toBe(
			'q=a%20b%2Bc%26d%3De%2Ff~g%2Ah%27i%28j%29k%21l-m.n_o',
		);
		expect(norm('{"a b":"1","c[d]":"2"}')).toBe('a%20b=1&c%5Bd%5D=2');
		expect(escape('AZaz09-._~')).toBe('AZaz09-._~');
		expect(escape('%')).toBe('%25');
	});

	it('sorts top-level keys bytewise (UTF-8), before escaping', () => {
		expect(norm('{"b":1,"B":1,"a":1,"é":1,"~":1,"_":1}')).toBe('B=1&_=1&a=1&b=1&~=1&%C3%A9=1');
	});

	it('sorts nested pairs as encoded strings', () => {
		expect(norm('{"n":{"é":1,"~":2,"z":3}}')).toBe('n%5B%C3%A9%5D=1&n%5Bz%5D=3&n%5B~%5D=2');
	});

	it('prints arrays inside a top-level array the way Ruby inspect does', () => {
		expect(norm('{"a":[[1,"x",null,true]]}')).toBe('a=%5B1%2C%20%22x%22%2C%20nil%2C%20true%5D');
	});

	it('agrees with the sandbox signer (an independent implementation) on realistic events', () => {
		const events = [
			{ id: 1, livemode: false, created_at: '2024-01-02T03:04:05Z', event_type: 'patient_created',
				event_data: { object: { id: 5, first_name: 'Zoë', last_name: "O'Brien & Co", balance_cents: 1250,
					tags: ['b', 'a'], links: { invoices: null }, nested: [{ x: 1 }, { x: 2 }], empty: {}, none: [] } } },
			{ id: 2, event_type: 'invoice_updated', amounts: [3, 20, 100], flag: true, note: 'a+b=c/d?e#f',
				event_data: { object: { line_items: [{ total_charge_amount_cents: 10000, covered: 0 }], emoji: '🙂' } } },
		];
		for (const event of events) {
			const body = JSON.stringify(event);
			expect(computeSignature('https://n8n.example.com/webhook/x/webhook', object(body), 'key-1')).toBe(
				sandboxSign('https://n8n.example.com/webhook/x/webhook', event, 'key-1'),
			);
		}
	});
});

describe('compareUtf8', () => {
	it('orders like Buffer.compare of the UTF-8 bytes', () => {
		const alphabet = ['a', 'Z', '~', ' ', 'é', '\u00ff', '\u0800', '\ue000', '\uffee', '😀', '𝄞', '\ud7ff'];
		let seed = 7;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed / 2 ** 31;
		};
		const strings = Array.from({ length: 300 }, () =>
			Array.from({ length: Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''),
		);
		const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
		for (let index = 0; index + 1 < strings.length; index++) {
			const [a, b] = [strings[index], strings[index + 1]];
			expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(bytewise(a, b)));
		}
		expect(compareUtf8('\uffee', '😀')).toBeLessThan(0); // U+FFEE < U+1F600, though 0xFFEE > 0xD83D
	});
});

describe('signaturesMatch (constant-time comparison)', () => {
	const expected = vector.signature;

	it('accepts the exact signature (surrounding whitespace ignored)', () => {
		expect(signaturesMatch(expected, expected)).toBe(true);
		expect(signaturesMatch(expected, ` ${expected} `)).toBe(true);
	});

	it('rejects tampered, truncated, extended, empty and missing signatures', () => {
		const tampered = `${expected[0] === 'A' ? 'B' : 'A'}${expected.slice(1)}`;
		expect(signaturesMatch(expected, tampered)).toBe(false);
		expect(signaturesMatch(expected, expected.slice(0, -1))).toBe(false);
		expect(signaturesMatch(expected, expected.slice(0, 10))).toBe(false);
		expect(signaturesMatch(expected, `${expected}=`)).toBe(false);
		expect(signaturesMatch(expected, expected.toLowerCase())).toBe(false);
		expect(signaturesMatch(expected, '')).toBe(false);
		expect(signaturesMatch(expected, undefined)).toBe(false);
		expect(signaturesMatch(expected, ['x'])).toBe(false);
	});
});

describe('the JSON tokenizer', () => {
	it.each([
		'',
		' ',
		'{',
		'{"a":1,}',
		'[1,]',
		'{a:1}',
		"{'a':1}",
		'01',
		'-01',
		'1.',
		'.5',
		'-',
		'1e',
		'1e+',
		'+1',
		'NaN',
		'Infinity',
		'tru',
		'nul',
		'"\u0001"',
		'"\\x41"',
		'"\\u12"',
		'"abc',
		'{"a":1} x',
		'{"a" 1}',
		'[1 2]',
		'{"a":1}{"b":2}',
		'[' .repeat(MAX_DEPTH + 2) + ']'.repeat(MAX_DEPTH + 2),
	])('rejects %j', (text) => {
		expect(() => parseJson(text)).toThrow(JsonSyntaxError);
	});

	it('decodes what JSON.parse decodes', () => {
		const documents = [
			'{"a":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u00e9\\ud83d\\ude00"}',
			' \n\t{ "a" : [ 1 , -2.5e-3 , true , false , null , { } , [ ] ] } \r\n',
			'[]',
			'"text"',
			'123',
			'{"nested":{"deep":[[[{"x":"y"}]]]}}',
		];
		for (const text of documents) expect(toPlain(parseJson(text))).toEqual(JSON.parse(text));
	});

	it('keeps number literals as written', () => {
		const parsed = object('{"a":1.50,"b":-0,"c":1E5}');
		expect((parsed.get('a') as JsonNumber).text).toBe('1.50');
		expect((parsed.get('b') as JsonNumber).text).toBe('-0');
		expect((parsed.get('c') as JsonNumber).text).toBe('1E5');
		expect(toPlain(parsed)).toEqual({ a: 1.5, b: -0, c: 100000 });
	});

	it('keeps the last value of a repeated key, like JSON.parse', () => {
		expect(toPlain(parseJson('{"a":1,"b":2,"a":3}'))).toEqual({ a: 3, b: 2 });
	});

	it('ignores a leading byte order mark', () => {
		expect(toPlain(parseJson('\ufeff{"a":1}'))).toEqual({ a: 1 });
	});

	it('treats a __proto__ key as data', () => {
		const plain = toPlain(parseJson('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
		expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(plain)).toEqual(['__proto__']);
	});
});
