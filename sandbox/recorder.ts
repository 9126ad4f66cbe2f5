/**
 * Records API requests for the admin API: method, path, query, parsed body,
 * status and how the caller authenticated (never the credentials themselves),
 * plus running counters. The log keeps the latest `limit` requests.
 */
import type { Fault } from './faults';

export type AuthScheme = 'basic' | 'x-api-key';

export interface RecordedRequest {
	id: number;
	method: string;
	path: string;
	query: Record<string, unknown>;
	body: unknown;
	/** HTTP status answered; null while in flight or when the connection was dropped. */
	status: number | null;
	at: string;
	auth: AuthScheme | null;
	fault: Fault | null;
	/** True when the gateway's rate limit (not fault injection) answered 429. */
	rate_limited: boolean;
	duration_ms: number | null;
}

export interface RequestStats {
	requests: number;
	by_status: Record<string, number>;
	responses_429: number;
	rate_limited: number;
	faults: Partial<Record<Fault, number>>;
}

export class RequestRecorder {
	private log: RecordedRequest[] = [];
	private lastId = 0;
	private stats = RequestRecorder.emptyStats();

	constructor(private readonly limit = 10000) {}

	start(method: string, path: string, query: Record<string, unknown>): RecordedRequest {
		const entry: RecordedRequest = {
			id: ++this.lastId,
			method,
			path,
			query,
			body: null,
			status: null,
			at: new Date().toISOString(),
			auth: null,
			fault: null,
			rate_limited: false,
			duration_ms: null,
		};
		this.log.push(entry);
		if (this.log.length > this.limit) this.log.splice(0, this.log.length - this.limit);
		return entry;
	}

	/** Completes an entry once (later calls are ignored); `status` null means no answer was sent. */
	finish(entry: RecordedRequest, status: number | null): void {
		if (entry.duration_ms !== null) return;
		entry.status = status;
		entry.duration_ms = Date.now() - Date.parse(entry.at);
		const stats = this.stats;
		stats.requests += 1;
		const statusKey = status === null ? 'dropped' : String(status);
		stats.by_status[statusKey] = (stats.by_status[statusKey] ?? 0) + 1;
		if (status === 429) stats.responses_429 += 1;
		if (entry.rate_limited) stats.rate_limited += 1;
		if (entry.fault) stats.faults[entry.fault] = (stats.faults[entry.fault] ?? 0) + 1;
	}

	get requests(): RecordedRequest[] {
		return [...this.log];
	}

	get counters(): RequestStats {
		return structuredClone(this.stats);
	}

	clearLog(): void {
		this.log = [];
	}

	reset(): void {
		this.clearLog();
		this.stats = RequestRecorder.emptyStats();
	}

	private static emptyStats(): RequestStats {
		return { requests: 0, by_status: {}, responses_429: 0, rate_limited: 0, faults: {} };
	}
}
