/**
 * Fault injection for API requests (never the admin API). Each request draws
 * one number from a PRNG (seeded when `seed` is set) and gets at most one
 * fault. When faults act:
 *
 * - before processing (the request is not handled at all):
 *   `rate429` → 429 with `Retry-After: 1`; `rate503` → 503 with `Retry-After: 1`;
 * - after processing (the request was handled, writes are kept, events are sent):
 *   `rate500` → 500 instead of the real answer; `rateDrop` → the socket is
 *   destroyed without any answer; `rateTimeout` → the answer is held for
 *   `timeoutMs`, then replaced by a 504.
 *
 * `delayMs` delays every API answer.
 */
import { ValidationErrors } from './errors';

export interface FaultConfig {
	rate429: number;
	rate500: number;
	rate503: number;
	rateDrop: number;
	rateTimeout: number;
	delayMs: number;
	timeoutMs: number;
	seed: number | null;
}

export type Fault = 'rate429' | 'rate503' | 'rate500' | 'rateDrop' | 'rateTimeout';

const FAULTS: readonly Fault[] = ['rate429', 'rate503', 'rate500', 'rateDrop', 'rateTimeout'];

export const NO_FAULTS: FaultConfig = {
	rate429: 0,
	rate500: 0,
	rate503: 0,
	rateDrop: 0,
	rateTimeout: 0,
	delayMs: 0,
	timeoutMs: 30000,
	seed: null,
};

/** mulberry32: a small, fast PRNG that is plenty for picking faults reproducibly. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultInjector {
	private settings: FaultConfig = { ...NO_FAULTS };
	private random: () => number = Math.random;

	get config(): FaultConfig {
		return { ...this.settings };
	}

	/** Replaces the configuration (keys left out take their no-fault defaults); 422 when invalid. */
	configure(input: Partial<Record<keyof FaultConfig, unknown>>): FaultConfig {
		const errors = new ValidationErrors();
		const config: FaultConfig = { ...NO_FAULTS };
		for (const key of FAULTS) {
			const value = input[key] ?? 0;
			if (typeof value !== 'number' || !(value >= 0 && value <= 1)) errors.add(key, 'must be a number between 0 and 1');
			else config[key] = value;
		}
		if (FAULTS.reduce((total, key) => total + config[key], 0) > 1) errors.add('base', 'fault rates must add up to at most 1');
		for (const key of ['delayMs', 'timeoutMs'] as const) {
			const value = input[key] ?? NO_FAULTS[key];
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) errors.add(key, 'must be an integer >= 0');
			else config[key] = value;
		}
		const seed = input.seed ?? null;
		if (seed !== null && (typeof seed !== 'number' || !Number.isInteger(seed))) errors.add('seed', 'must be an integer or null');
		else config.seed = seed;
		errors.throwIfAny();
		this.settings = config;
		this.random = config.seed === null ? Math.random : mulberry32(config.seed);
		return this.config;
	}

	reset(): void {
		this.configure({});
	}

	/** Picks the fault of one request, if any. */
	decide(): Fault | null {
		if (FAULTS.every((key) => this.settings[key] === 0)) return null;
		let draw = this.random();
		for (const key of FAULTS) {
			if (draw < this.settings[key]) return key;
			draw -= this.settings[key];
		}
		return null;
	}
}
