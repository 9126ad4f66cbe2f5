/**
 * The gateway's rate limit: one token bucket per API key, refilled at `rate`
 * tokens per second up to `burst`. A `rate` of 0 or Infinity disables it.
 */

export interface RateLimitConfig {
	rate: number;
	burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
	tokens: number;
	refilledAt: number;
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();
	private settings: RateLimitConfig;

	constructor(
		config: RateLimitConfig,
		private readonly now: () => number = () => performance.now(),
	) {
		this.settings = RateLimiter.validate(config);
	}

	get config(): RateLimitConfig {
		return { ...this.settings };
	}

	get enabled(): boolean {
		return this.settings.rate > 0 && Number.isFinite(this.settings.rate);
	}

	/** Changes the limits; every bucket starts full again. */
	configure(config: RateLimitConfig): void {
		this.settings = RateLimiter.validate(config);
		this.reset();
	}

	reset(): void {
		this.buckets.clear();
	}

	take(key: string): RateDecision {
		if (!this.enabled) return { allowed: true };
		const { rate, burst } = this.settings;
		const now = this.now();
		const bucket = this.buckets.get(key) ?? { tokens: burst, refilledAt: now };
		bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.refilledAt) / 1000) * rate);
		bucket.refilledAt = now;
		this.buckets.set(key, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return { allowed: true };
		}
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
	}

	/** Throws a RangeError for a negative/NaN rate or a burst below 1. */
	static validate(config: RateLimitConfig): RateLimitConfig {
		const { rate, burst } = config;
		if (typeof rate !== 'number' || Number.isNaN(rate) || rate < 0) throw new RangeError('rate must be a number >= 0');
		if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1) throw new RangeError('burst must be an integer >= 1');
		return { rate, burst };
	}
}
