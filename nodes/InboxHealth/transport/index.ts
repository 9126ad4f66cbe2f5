import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { apiError, connectionError } from './errors';
import { getBucket } from './rateLimiter';

export type InboxHealthContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPE = 'inboxHealthApi';

/** Retries after a 429, a 502/503/504 or a lost connection before the error reaches the user. */
export const MAX_RETRIES = 6;
const MAX_BACKOFF_MS = 30_000;
const REQUEST_TIMEOUT_MS = 60_000;
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const IDEMPOTENT_METHODS = new Set<IHttpRequestMethods>(['GET', 'PUT', 'DELETE', 'HEAD']);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export interface ApiRequestOptions {
	qs?: IDataObject;
	body?: IDataObject;
	/** The item whose parameters caused the request, for the error's item index. */
	itemIndex?: number;
	/** Return the raw bytes and headers (attachment downloads). */
	binary?: boolean;
}

export interface ConnectionSettings {
	baseUrl: string;
	rate: number;
	burst: number;
	apiKey: string;
}

/**
 * Settings per node run: n8n loads and decrypts a credential on every getCredentials() call, and
 * httpRequestWithAuthentication loads it again for the request, so one load here per run (not
 * per request) saves a database read per request.
 */
const settingsByContext = new WeakMap<object, Promise<ConnectionSettings>>();

export async function getConnectionSettings(this: InboxHealthContext): Promise<ConnectionSettings> {
	let settings = settingsByContext.get(this);
	if (!settings) {
		settings = readConnectionSettings.call(this);
		settingsByContext.set(this, settings);
		settings.catch(() => settingsByContext.delete(this));
	}
	return await settings;
}

async function readConnectionSettings(this: InboxHealthContext): Promise<ConnectionSettings> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const environment = String(credentials.environment ?? '');
	const baseUrl = (environment === 'custom' ? String(credentials.customBaseUrl ?? '') : environment)
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\//.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Inbox Health credential has no valid base URL: choose Demo or Production, or enter a Custom URL starting with https://',
		);
	}
	return {
		baseUrl,
		apiKey: String(credentials.apiKey ?? ''),
		rate: positiveNumber(credentials.rateLimitPerSecond, 10),
		burst: positiveNumber(credentials.rateLimitBurst, 100),
	};
}

function positiveNumber(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : fallback;
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, … capped at 30 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_BACKOFF_MS * 4, Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkErrorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		if (typeof current.code === 'string' && NETWORK_CODES.has(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	const message = String((error as Error | undefined)?.message ?? '');
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	return undefined;
}

/**
 * One request to the Partner API: authenticated by n8n from the credential, paced by the shared
 * rate limiter, retried where that is safe, and failed with an error that names the cause.
 *
 * 429 is always retried (the gateway refuses before the application sees the request).
 * 502/503/504 and lost connections are retried for GET/PUT/DELETE only: a POST may already have
 * created its record, and sending it again would duplicate it.
 */
export async function apiRequest<T = IDataObject>(
	this: InboxHealthContext,
	method: IHttpRequestMethods,
	path: string,
	options: ApiRequestOptions = {},
): Promise<T> {
	const settings = await getConnectionSettings.call(this);
	const bucket = getBucket(settings.apiKey, settings.baseUrl, settings.rate, settings.burst);
	const request: IHttpRequestOptions = {
		method,
		url: `${settings.baseUrl}${path}`,
		qs: options.qs,
		body: options.body,
		json: !options.binary,
		headers: { Accept: options.binary ? '*/*' : 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};
	if (options.binary) request.encoding = 'arraybuffer';
	const node = this.getNode();
	const { itemIndex } = options;

	for (let attempt = 0; ; attempt++) {
		await bucket.take();
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			if (error instanceof NodeOperationError) throw new NodeOperationError(node, error);
			const code = networkErrorCode(error) ?? 'NO_RESPONSE';
			if (IDEMPOTENT_METHODS.has(method) && code !== 'NO_RESPONSE' && attempt < MAX_RETRIES) {
				await sleep(backoffDelay(attempt));
				continue;
			}
			throw connectionError(node, {
				method,
				path,
				baseUrl: settings.baseUrl,
				code,
				retries: attempt,
				itemIndex,
			});
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) {
			return (options.binary ? response : (response.body ?? {})) as T;
		}
		if (statusCode === 429 && attempt < MAX_RETRIES) {
			const wait = parseRetryAfter(response.headers?.['retry-after']) ?? backoffDelay(attempt);
			bucket.pause(wait);
			continue;
		}
		if (RETRYABLE_STATUS.has(statusCode) && IDEMPOTENT_METHODS.has(method) && attempt < MAX_RETRIES) {
			await sleep(backoffDelay(attempt));
			continue;
		}
		throw apiError(node, {
			method,
			path,
			statusCode,
			body: options.binary ? undefined : response.body,
			retries: attempt,
			itemIndex,
		});
	}
}

export interface AllItemsOptions {
	qs?: IDataObject;
	/** Stop after this many records; undefined returns all. */
	limit?: number;
	/** The list's key in the response; defaults to the path's last segment (`/patients` → `patients`). */
	rootKey?: string;
	itemIndex?: number;
	/** Page size; the API's maximum is 100. */
	pageSize?: number;
}

export const MAX_PAGE_SIZE = 100;

/**
 * Walks `page`/`per_page` until a short or empty page (the API does not say how it marks the
 * last page). With a limit it asks only for as many pages as needed. A record that shows up
 * again on a later page (because records were added meanwhile) is returned once.
 */
export async function apiRequestAllItems(
	this: InboxHealthContext,
	path: string,
	options: AllItemsOptions = {},
): Promise<IDataObject[]> {
	const { limit, itemIndex } = options;
	if (limit !== undefined && limit <= 0) return [];
	const rootKey = options.rootKey ?? path.split('?')[0].split('/').filter(Boolean).pop() ?? '';
	const pageSize = Math.min(
		MAX_PAGE_SIZE,
		Math.max(1, options.pageSize ?? (limit !== undefined ? Math.max(limit, 1) : MAX_PAGE_SIZE)),
	);
	const results: IDataObject[] = [];
	const seen = new Set<unknown>();
	for (let page = 1; ; page++) {
		const body = (await apiRequest.call(this, 'GET', path, {
			qs: { ...options.qs, page, per_page: pageSize },
			itemIndex,
		})) as IDataObject;
		const records = (body[rootKey] ?? []) as IDataObject[];
		if (!Array.isArray(records)) {
			throw new NodeOperationError(
				this.getNode(),
				`Unexpected answer from GET ${path}: no "${rootKey}" list in the response`,
				{ itemIndex },
			);
		}
		for (const record of records) {
			const id = record?.id;
			if (id !== undefined && id !== null) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			results.push(record);
			if (limit !== undefined && results.length >= limit) return results;
		}
		if (records.length < pageSize) return results;
	}
}
