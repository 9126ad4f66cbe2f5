/**
 * Starts the Inbox Health sandbox (real HTTP on a random port) around a jest test file, and
 * gives the tests its admin API: what requests it received, its state, fault settings.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { Sandbox, SandboxOptions } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

/** A made-up key, accepted only by the local sandbox. */
export const TEST_API_KEY = 'test-partner-key-0001';

export interface RecordedRequest {
	method: string;
	path: string;
	query: IDataObject;
	body: IDataObject | null;
	status: number;
	auth: 'basic' | 'x-api-key' | null;
}

export class SandboxHandle {
	constructor(readonly server: Sandbox) {}

	get baseUrl(): string {
		return this.server.baseUrl;
	}

	/** Credential data for the node, pointing at this sandbox (limiter wide open unless overridden). */
	credentials(overrides: IDataObject = {}): Record<string, ICredentialDataDecryptedObject> {
		return {
			inboxHealthApi: {
				apiKey: TEST_API_KEY,
				authMethod: 'basicAuth',
				environment: 'custom',
				customBaseUrl: this.server.baseUrl,
				// Tests that are not about rate limiting should not wait for the limiter.
				rateLimitPerSecond: 1000,
				rateLimitBurst: 1000,
				...overrides,
			},
		};
	}

	async admin<T = IDataObject>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.server.url}/__admin${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : {}) as T;
	}

	async requests(): Promise<RecordedRequest[]> {
		const body = await this.admin<{ requests: RecordedRequest[] } | RecordedRequest[]>('GET', '/requests');
		return Array.isArray(body) ? body : body.requests;
	}

	async clearRequests(): Promise<void> {
		await this.admin('DELETE', '/requests');
	}

	async reset(seed?: IDataObject): Promise<void> {
		await this.admin('POST', '/reset', seed);
	}

	async setFaults(faults: IDataObject): Promise<void> {
		await this.admin('PUT', '/faults', faults);
	}

	async setRateLimit(rate: number, burst: number): Promise<void> {
		await this.admin('PUT', '/rate-limit', { rate, burst });
	}

	/** Calls the API itself (as a partner would with curl), for arranging and checking state. */
	async api<T = IDataObject>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.server.baseUrl}${path}`, {
			method,
			headers: {
				'x-api-key': TEST_API_KEY,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : {}) as T;
	}
}

/**
 * Starts one sandbox for the test file (beforeAll) and stops it (afterAll). The API's own rate
 * limit is off unless the options set one, so tests that are not about rate limiting run fast.
 */
export function useSandbox(options: SandboxOptions = {}): () => SandboxHandle {
	let handle: SandboxHandle | undefined;
	beforeAll(async () => {
		const server = await startSandbox({
			port: 0,
			apiKeys: [TEST_API_KEY],
			rate: 0,
			quiet: true,
			...options,
		});
		handle = new SandboxHandle(server);
	});
	afterAll(async () => {
		await handle?.server.close();
	});
	return () => {
		if (!handle) throw new Error('the sandbox is not running (use it inside tests)');
		return handle;
	};
}
