/** Small HTTP helpers shared by the sandbox tests (each test file starts and closes its own sandbox). */
import type { Sandbox } from '../../sandbox/server';

export const API_KEY = 'sandbox-api-key';

export function basicAuth(key: string, password = ''): string {
	return `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`;
}

/** Parsed JSON answers, loosely typed on purpose: tests assert on their shape. */
export type Json = any;

export interface Answer {
	status: number;
	headers: Headers;
	body: Json;
}

/** A JSON client for one sandbox, authenticating with `x-api-key` unless told otherwise. */
export class Client {
	constructor(
		private readonly sandbox: Sandbox,
		private readonly key: string = API_KEY,
	) {}

	/** `path` is relative to the API base URL (`/patients`), or absolute from the host when it starts with `//`. */
	async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
		const url = path.startsWith('//') ? `${this.sandbox.url}${path.slice(1)}` : `${this.sandbox.baseUrl}${path}`;
		const response = await fetch(url, {
			method,
			headers: {
				'x-api-key': this.key,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) };
	}

	get(path: string, headers?: Record<string, string>): Promise<Answer> {
		return this.request('GET', path, undefined, headers);
	}

	post(path: string, body: unknown): Promise<Answer> {
		return this.request('POST', path, body);
	}

	put(path: string, body: unknown): Promise<Answer> {
		return this.request('PUT', path, body);
	}

	delete(path: string): Promise<Answer> {
		return this.request('DELETE', path);
	}

	/** The admin API (no auth needed). */
	admin(method: string, path: string, body?: unknown): Promise<Answer> {
		return this.request(method, `//__admin${path}`, body);
	}

	/** POSTs and expects a 201, returning the created record under `root`. */
	async create(path: string, root: string, record: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Json> {
		const answer = await this.post(path, { ...extra, [root]: record });
		if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
		return answer.body[root];
	}
}

/** Polls `probe` until it returns a value other than undefined. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('waitFor timed out');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** Seed data most tests start from: one enterprise with two practices and a doctor. */
export const BASIC_SEED = {
	enterprises: [{ id: 1, name: 'Sandbox Test Enterprise' }],
	practices: [
		{ id: 1, enterprise_id: 1, name: 'Sandbox Practice One' },
		{ id: 2, enterprise_id: 1, name: 'Sandbox Practice Two' },
	],
	doctors: [{ id: 1, enterprise_id: 1, first_name: 'Fakey', last_name: 'Doctorson', practice_ids: [1] }],
};

export const fakePatient = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
	enterprise_id: 1,
	first_name: 'Testy',
	last_name: 'Patientface',
	date_of_birth: '1980-01-01',
	...overrides,
});
