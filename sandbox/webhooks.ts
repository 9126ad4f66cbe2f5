/**
 * Webhook delivery: each event goes to every endpoint whose
 * `registered_webhooks` lists its type, as a signed JSON POST. Deliveries to
 * one endpoint are sent in order; a failed attempt (non-2xx or network error)
 * is retried up to `retries` times with a doubling backoff. Every attempt is
 * recorded for the admin API.
 */
import type { Delays } from './delays';
import { SIGNATURE_HEADER, sign } from './signature';
import type { Row, Store, StoredEvent } from './store';

export interface DeliveryOptions {
	retries: number;
	backoffMs: number;
	timeoutMs: number;
	delays: Delays;
	log: (message: string) => void;
}

export interface DeliveryAttempt {
	id: number;
	event_id: number;
	event_type: string;
	endpoint_id: number;
	url: string;
	attempt: number;
	/** HTTP status of the receiver's answer, null when no answer came. */
	status: number | null;
	error: string | null;
	signature: string;
	at: string;
	duration_ms: number;
}

export class WebhookDispatcher {
	private attempts: DeliveryAttempt[] = [];
	private lastAttemptId = 0;
	/** Per endpoint, the promise of its last queued delivery (deliveries to one endpoint stay in order). */
	private readonly queues = new Map<number, Promise<void>>();
	private readonly inFlight = new Set<AbortController>();
	/** Bumped by `reset()` and `close()`: deliveries of an older generation stop. */
	private generation = 0;
	private closed = false;

	constructor(
		private readonly store: Store,
		private readonly options: DeliveryOptions,
	) {}

	/** Queues each event for every subscribed endpoint; returns the number of deliveries queued. */
	dispatch(events: readonly StoredEvent[]): number {
		let queued = 0;
		for (const event of events) {
			for (const endpoint of this.subscribers(event.event_type)) {
				this.enqueue(endpoint, event);
				queued += 1;
			}
		}
		return queued;
	}

	get deliveries(): DeliveryAttempt[] {
		return [...this.attempts];
	}

	/** Forgets the recorded attempts. */
	clear(): void {
		this.attempts = [];
	}

	/** Forgets the recorded attempts and stops the deliveries queued or in flight. */
	reset(): void {
		this.stopAll();
		this.queues.clear();
		this.clear();
	}

	/** Resolves once every queued delivery has finished (including retries). */
	async idle(): Promise<void> {
		while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
	}

	/** Like `idle()`, but gives up after `maxWaitMs`. */
	async settle(maxWaitMs: number): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, maxWaitMs);
		});
		try {
			await Promise.race([this.idle(), timeout]);
		} finally {
			clearTimeout(timer);
		}
	}

	/** Stops retrying and aborts the deliveries in flight. */
	async close(): Promise<void> {
		this.closed = true;
		this.stopAll();
		await this.idle();
	}

	private stopAll(): void {
		this.generation += 1;
		for (const controller of this.inFlight) controller.abort();
	}

	private subscribers(eventType: string): Row[] {
		return this.store.all('endpoints').filter((endpoint) => {
			const events = endpoint.registered_webhooks;
			return Array.isArray(events) && events.includes(eventType);
		});
	}

	private enqueue(endpoint: Row, event: StoredEvent): void {
		const previous = this.queues.get(endpoint.id) ?? Promise.resolve();
		const next = previous
			.then(() => this.deliver(endpoint, event))
			.catch((error: unknown) => this.options.log(`webhook delivery crashed: ${String(error)}`));
		this.queues.set(endpoint.id, next);
		void next.then(() => {
			if (this.queues.get(endpoint.id) === next) this.queues.delete(endpoint.id);
		});
	}

	private async deliver(endpoint: Row, event: StoredEvent): Promise<void> {
		const url = String(endpoint.url);
		const key = this.store.endpointKeys.get(endpoint.id) ?? '';
		const signature = sign(url, event, key);
		const body = JSON.stringify(event);
		const generation = this.generation;
		const stopped = (): boolean => this.closed || generation !== this.generation;
		for (let attempt = 1; attempt <= this.options.retries + 1; attempt += 1) {
			if (attempt > 1) await this.options.delays.wait(this.options.backoffMs * 2 ** (attempt - 2));
			if (stopped()) return;
			const result = await this.post(url, body, signature);
			if (stopped()) return;
			this.attempts.push({
				id: ++this.lastAttemptId,
				event_id: event.id,
				event_type: event.event_type,
				endpoint_id: endpoint.id,
				url,
				attempt,
				signature,
				at: result.at,
				status: result.status,
				error: result.error,
				duration_ms: result.durationMs,
			});
			if (result.error === null) return;
			this.options.log(`webhook ${event.event_type} #${event.id} to endpoint ${endpoint.id} failed: ${result.error}`);
		}
	}

	private async post(
		url: string,
		body: string,
		signature: string,
	): Promise<{ status: number | null; error: string | null; at: string; durationMs: number }> {
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
		this.inFlight.add(controller);
		const at = new Date().toISOString();
		const started = Date.now();
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'user-agent': 'InboxHealth-Sandbox-Webhooks/1.0',
					[SIGNATURE_HEADER]: signature,
				},
				body,
				signal: controller.signal,
			});
			await response.arrayBuffer().catch(() => undefined);
			const error = response.ok ? null : `HTTP ${response.status}`;
			return { status: response.status, error, at, durationMs: Date.now() - started };
		} catch (error) {
			return { status: null, error: describe(error, controller.signal.aborted), at, durationMs: Date.now() - started };
		} finally {
			clearTimeout(timer);
			this.inFlight.delete(controller);
		}
	}
}

function describe(error: unknown, aborted: boolean): string {
	if (aborted) return 'timeout or aborted';
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
