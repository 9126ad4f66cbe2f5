import type { IDataObject } from 'n8n-workflow';

/**
 * A small JSON parser for webhook bodies that keeps what the signature depends on and
 * `JSON.parse` throws away: the exact text of every number (`0.0`, `1.50`, `-0`, `1e5` stay as
 * written, because Inbox Health signs the values as its Ruby code prints them, which is how they
 * appear in the body). Strings are decoded exactly (all escapes, `\u` escapes and surrogate
 * pairs); a key given twice keeps its last value, as with `JSON.parse`.
 */

/** A JSON number as the sender wrote it. */
export class JsonNumber {
	constructor(readonly text: string) {}

	get value(): number {
		return Number(this.text);
	}
}

export type JsonObject = Map<string, RawJson>;

export type RawJson = null | boolean | string | JsonNumber | RawJson[] | JsonObject;

export class JsonSyntaxError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(`${message} at position ${position}`);
		this.name = 'JsonSyntaxError';
	}
}

/** Deeper nesting than this is refused rather than risking the call stack. */
export const MAX_DEPTH = 256;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SIMPLE_ESCAPES: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
};

/** Parses one JSON text; throws JsonSyntaxError on anything RFC 8259 does not allow. */
export function parseJson(text: string): RawJson {
	const parser = new Parser(text);
	return parser.parseDocument();
}

class Parser {
	private position = 0;

	constructor(private readonly text: string) {
		// RFC 8259 lets a parser ignore a leading byte order mark.
		if (text.charCodeAt(0) === 0xfeff) this.position = 1;
	}

	parseDocument(): RawJson {
		this.skipWhitespace();
		const value = this.parseValue(0);
		this.skipWhitespace();
		if (this.position < this.text.length) this.fail('Unexpected text after the JSON value');
		return value;
	}

	private fail(message: string): never {
		throw new JsonSyntaxError(message, this.position);
	}

	private skipWhitespace(): void {
		const { text } = this;
		while (this.position < text.length) {
			const code = text.charCodeAt(this.position);
			if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
			this.position++;
		}
	}

	private parseValue(depth: number): RawJson {
		if (depth > MAX_DEPTH) this.fail(`Nesting deeper than ${MAX_DEPTH} levels`);
		if (this.position >= this.text.length) this.fail('Unexpected end of JSON');
		const character = this.text[this.position];
		switch (character) {
			case '{':
				return this.parseObject(depth);
			case '[':
				return this.parseArray(depth);
			case '"':
				return this.parseString();
			case 't':
				return this.parseLiteral('true', true);
			case 'f':
				return this.parseLiteral('false', false);
			case 'n':
				return this.parseLiteral('null', null);
			default:
				if (character === '-' || (character >= '0' && character <= '9')) return this.parseNumber();
				return this.fail(`Unexpected character ${JSON.stringify(character)}`);
		}
	}

	private parseLiteral<T extends RawJson>(word: string, value: T): T {
		if (!this.text.startsWith(word, this.position)) this.fail('Invalid literal');
		this.position += word.length;
		return value;
	}

	private parseNumber(): JsonNumber {
		NUMBER.lastIndex = this.position;
		const match = NUMBER.exec(this.text);
		if (!match) return this.fail('Invalid number');
		const after = this.text[this.position + match[0].length];
		// `01`, `1.`, `1e`, `.5` and the like leave a digit, dot or exponent right after the match.
		if (after !== undefined && /[0-9.eE+-]/.test(after)) this.fail('Invalid number');
		this.position += match[0].length;
		return new JsonNumber(match[0]);
	}

	private parseString(): string {
		const { text } = this;
		this.position++; // opening quote
		let result = '';
		let start = this.position;
		while (true) {
			if (this.position >= text.length) this.fail('Unterminated string');
			const code = text.charCodeAt(this.position);
			if (code === 0x22) {
				result += text.slice(start, this.position);
				this.position++;
				return result;
			}
			if (code < 0x20) this.fail('Unescaped control character in string');
			if (code !== 0x5c) {
				this.position++;
				continue;
			}
			result += text.slice(start, this.position);
			const escape = text[this.position + 1];
			if (escape === 'u') {
				const hex = text.slice(this.position + 2, this.position + 6);
				if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape');
				// UTF-16 code units: a surrogate pair written as two escapes becomes one character.
				result += String.fromCharCode(parseInt(hex, 16));
				this.position += 6;
			} else if (escape !== undefined && escape in SIMPLE_ESCAPES) {
				result += SIMPLE_ESCAPES[escape];
				this.position += 2;
			} else {
				this.fail('Invalid escape');
			}
			start = this.position;
		}
	}

	private parseArray(depth: number): RawJson[] {
		this.position++;
		const values: RawJson[] = [];
		this.skipWhitespace();
		if (this.text[this.position] === ']') {
			this.position++;
			return values;
		}
		while (true) {
			this.skipWhitespace();
			values.push(this.parseValue(depth + 1));
			this.skipWhitespace();
			const character = this.text[this.position];
			this.position++;
			if (character === ']') return values;
			if (character !== ',') {
				this.position--;
				this.fail("Expected ',' or ']'");
			}
		}
	}

	private parseObject(depth: number): JsonObject {
		this.position++;
		const object: JsonObject = new Map();
		this.skipWhitespace();
		if (this.text[this.position] === '}') {
			this.position++;
			return object;
		}
		while (true) {
			this.skipWhitespace();
			if (this.text[this.position] !== '"') this.fail('Expected a string key');
			const key = this.parseString();
			this.skipWhitespace();
			if (this.text[this.position] !== ':') this.fail("Expected ':'");
			this.position++;
			this.skipWhitespace();
			object.set(key, this.parseValue(depth + 1));
			this.skipWhitespace();
			const character = this.text[this.position];
			this.position++;
			if (character === '}') return object;
			if (character !== ',') {
				this.position--;
				this.fail("Expected ',' or '}'");
			}
		}
	}
}

export function isJsonObject(value: RawJson | undefined): value is JsonObject {
	return value instanceof Map;
}

/**
 * The parsed value as plain data for n8n items (numbers become JavaScript numbers). Keys are
 * defined as own properties, so a `__proto__` key is data and never changes a prototype.
 */
export function toPlain(value: RawJson): unknown {
	if (value instanceof JsonNumber) return value.value;
	if (Array.isArray(value)) return value.map(toPlain);
	if (value instanceof Map) {
		const object: IDataObject = {};
		for (const [key, element] of value) {
			Object.defineProperty(object, key, {
				value: toPlain(element),
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
		return object;
	}
	return value;
}
