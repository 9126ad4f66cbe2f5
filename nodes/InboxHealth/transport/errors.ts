import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** `/patients/12/invoices` → "patient 12", `/line_items/3` → "line item 3", `/patients` → "patient". */
export function describeTarget(path: string): string {
	const segments = path.split('?')[0].split('/').filter(Boolean);
	const idIndex = segments.findIndex((segment) => /^\d+$/.test(segment));
	if (idIndex > 0) {
		const model = segments[idIndex - 1].replace(/s$/, '').replace(/_/g, ' ');
		return `${model} ${segments[idIndex]}`;
	}
	// A collection path (a create or a list): name one record of it.
	return (segments[segments.length - 1] ?? 'record').replace(/s$/, '').replace(/_/g, ' ');
}

/** Rails answers `{"errors": {"first_name": ["can't be blank"]}}`, `{"errors": ["..."]}` or `{"error": "..."}`. */
export function formatApiErrors(body: unknown): string {
	if (body === null || body === undefined) return '';
	if (typeof body === 'string') return body.slice(0, 500);
	if (typeof body !== 'object') return String(body);
	const data = body as IDataObject;
	const errors = data.errors ?? data.error ?? data.message;
	if (errors === undefined) return '';
	if (typeof errors === 'string') return errors;
	if (Array.isArray(errors)) return errors.map((entry) => formatApiErrors({ errors: entry })).join('; ');
	if (typeof errors === 'object' && errors !== null) {
		return Object.entries(errors as IDataObject)
			.map(([field, messages]) => {
				const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
				return list.map((message) => (field === 'base' ? message : `${field} ${message}`)).join('; ');
			})
			.join('; ');
	}
	return String(errors);
}

export interface HttpFailure {
	method: string;
	path: string;
	statusCode: number;
	body?: unknown;
	retries?: number;
	itemIndex?: number;
}

/**
 * Turns a failed response into an error a user can act on. Only the method, the path and the
 * API's own error text are used: never the request headers (the API key) nor the request body
 * (patient data).
 */
export function apiError(node: INode, failure: HttpFailure): NodeApiError {
	const { method, path, statusCode, body, retries = 0 } = failure;
	const detail = formatApiErrors(body);
	const target = describeTarget(path);
	let message: string;
	let description: string | undefined;
	if (statusCode === 401 || statusCode === 403) {
		message = `Authentication failed (${statusCode}): check your API key and the authentication method in the Inbox Health credential`;
		description = 'The API refused the credential. Check that the key is valid for this environment (demo and production keys differ) and whether your account expects HTTP Basic or the x-api-key header.';
	} else if (statusCode === 404) {
		message = `Not found (404): the ${target} does not exist or is not visible to this API key`;
		description = detail || `${method} ${path} answered 404. Check the ID.`;
	} else if (statusCode === 422) {
		message = `The API rejected the ${target} (422): ${detail || 'invalid data'}`;
		description = 'Fix the fields named above and run again.';
	} else if (statusCode === 429) {
		message = `Rate limit exceeded (429): Inbox Health still refused the request after ${retries} retries`;
		description = 'Lower "Rate Limit (Requests per Second)" in the credential, or run fewer workflows with this key at the same time.';
	} else if (statusCode >= 500) {
		message = `Inbox Health server error (${statusCode}) on ${method} ${path}${retries ? ` after ${retries} retries` : ''}`;
		description = detail || 'The service is having trouble. Try again later.';
	} else {
		message = `Inbox Health request failed (${statusCode}) on ${method} ${path}${detail ? `: ${detail}` : ''}`;
	}
	const response: JsonObject = { statusCode, method, path, error: detail };
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(statusCode),
		itemIndex: failure.itemIndex,
	});
}

/** A request that got no HTTP answer (refused, reset, timed out). */
export function connectionError(
	node: INode,
	failure: { method: string; path: string; baseUrl: string; code: string; retries: number; itemIndex?: number },
): NodeApiError {
	const { method, path, baseUrl, code, retries } = failure;
	const message = `Could not reach Inbox Health (${code}) on ${method} ${path}${retries ? ` after ${retries} retries` : ''}`;
	const error = new NodeApiError(
		node,
		{ method, path, reason: code },
		{
			message,
			description:
				method === 'POST'
					? `No answer from ${baseUrl}. A POST is never retried automatically because it may have been processed: check in Inbox Health whether the record exists before running it again.`
					: `No answer from ${baseUrl}. Check the base URL in the credential and your network.`,
			itemIndex: failure.itemIndex,
		},
	);
	// NodeApiError swaps in a stock text ("retry the request immediately") when the message names
	// a connection error code; for a POST that advice is wrong, so the node's own text is kept.
	error.message = message;
	return error;
}
