import { createHash } from 'crypto';
import { sleep } from 'n8n-workflow';

/**
 * A token bucket shared by every request made with one API key against one base URL in this
 * n8n process, whatever execution or node makes them. Each caller reserves the next free slot
 * synchronously and then sleeps until it comes, so concurrent executions queue fairly and the
 * sustained rate never exceeds the limit, even with many callers at once.
 */
export class TokenBucket {
	private tokens: number;

	private updatedAt: number;

	private pausedUntil = 0;

	constructor(
		private rate: number,
		private burst: number,
		private readonly now: () => number = Date.now,
	) {
		this.tokens = burst;
		this.updatedAt = now();
	}

	/** Applies a changed limit from the credential without losing what is already reserved. */
	configure(rate: number, burst: number): void {
		if (rate === this.rate && burst === this.burst) return;
		this.refill();
		this.rate = rate;
		this.burst = burst;
		this.tokens = Math.min(this.tokens, burst);
	}

	/** Milliseconds the caller must wait before sending; the token is taken now. */
	reserve(): number {
		this.refill();
		this.tokens -= 1;
		const debtWait = this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
		const pauseWait = Math.max(0, this.pausedUntil - this.updatedAt);
		return Math.ceil(Math.max(debtWait, pauseWait));
	}

	async take(): Promise<void> {
		const wait = this.reserve();
		if (wait > 0) await sleep(wait);
	}

	/** After a 429 nobody using this key should send before the server's wait is over. */
	pause(ms: number): void {
		this.refill();
		this.pausedUntil = Math.max(this.pausedUntil, this.updatedAt + ms);
		this.tokens = Math.min(this.tokens, 0);
	}

	private refill(): void {
		const now = this.now();
		const elapsed = Math.max(0, now - this.updatedAt) / 1000;
		this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
		this.updatedAt = now;
	}
}

const buckets = new Map<string, TokenBucket>();

/** The bucket for one key and base URL; the key itself is never kept, only a hash of it. */
export function getBucket(apiKey: string, baseUrl: string, rate: number, burst: number): TokenBucket {
	const id = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let bucket = buckets.get(id);
	if (!bucket) {
		bucket = new TokenBucket(rate, burst);
		buckets.set(id, bucket);
	} else {
		bucket.configure(rate, burst);
	}
	return bucket;
}
