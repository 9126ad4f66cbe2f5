/**
 * HTTP errors raised by the sandbox, rendered in the API's JSON error format:
 * `{"errors": ["message"]}` for most errors and Rails-style
 * `{"errors": {"field": ["message"]}}` for validation failures.
 */

export type FieldErrors = Record<string, string[]>;

export class HttpError extends Error {
	constructor(
		readonly statusCode: number,
		readonly body: { errors: string[] | FieldErrors },
		readonly headers: Record<string, string> = {},
	) {
		super(Array.isArray(body.errors) ? body.errors.join('; ') : JSON.stringify(body.errors));
		this.name = 'HttpError';
	}
}

export function httpError(statusCode: number, message: string, headers?: Record<string, string>): HttpError {
	return new HttpError(statusCode, { errors: [message] }, headers);
}

/** The message Rails' `find` raises, e.g. "Couldn't find Patient with 'id'=123". */
export function recordNotFound(model: string, id: unknown): HttpError {
	return httpError(404, `Couldn't find ${model} with 'id'=${String(id)}`);
}

/** Rails' message for a path no route matches. */
export function routeNotFound(method: string, url: string): HttpError {
	return httpError(404, `No route matches [${method}] "${url.split('?')[0]}"`);
}

/** Collects field errors while a request is validated, then throws them as one 422. */
export class ValidationErrors {
	private readonly fields: FieldErrors = {};

	add(field: string, message: string): void {
		const messages = (this.fields[field] ??= []);
		if (!messages.includes(message)) messages.push(message);
	}

	count(field: string): number {
		return this.fields[field]?.length ?? 0;
	}

	has(field?: string): boolean {
		return field === undefined ? Object.keys(this.fields).length > 0 : field in this.fields;
	}

	/** Copies another collection's errors under `prefix.` (Rails' nested-attribute keys). */
	merge(other: ValidationErrors, prefix?: string): void {
		for (const [field, messages] of Object.entries(other.fields)) {
			for (const message of messages) this.add(prefix ? `${prefix}.${field}` : field, message);
		}
	}

	throwIfAny(): void {
		if (this.has()) throw new HttpError(422, { errors: { ...this.fields } });
	}

	static single(field: string, message: string): HttpError {
		return new HttpError(422, { errors: { [field]: [message] } });
	}
}
