import { TokenBucket } from '../../nodes/InboxHealth/transport/rateLimiter';

function clock(start = 0) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
	it('lets a full burst through at once, then spaces requests at the sustained rate', () => {
		const time = clock();
		const bucket = new TokenBucket(10, 100, time.now);
		const waits = Array.from({ length: 103 }, () => bucket.reserve());
		expect(waits.slice(0, 100).every((wait) => wait === 0)).toBe(true);
		expect(waits.slice(100)).toEqual([100, 200, 300]);
	});

	it('refills with time but never above the burst', () => {
		const time = clock();
		const bucket = new TokenBucket(10, 5, time.now);
		for (let i = 0; i < 5; i++) bucket.reserve();
		time.advance(60_000);
		const waits = Array.from({ length: 6 }, () => bucket.reserve());
		expect(waits).toEqual([0, 0, 0, 0, 0, 100]);
	});

	it('keeps any window of one second at or under burst + rate requests', () => {
		const time = clock();
		const bucket = new TokenBucket(10, 100, time.now);
		const sendTimes = Array.from({ length: 400 }, () => time.now() + bucket.reserve());
		for (const start of sendTimes) {
			const inWindow = sendTimes.filter((t) => t >= start && t < start + 1000).length;
			expect(inWindow).toBeLessThanOrEqual(110);
		}
		// 400 requests at 10/s after a burst of 100 take (400 - 100) / 10 = 30 s.
		expect(Math.max(...sendTimes)).toBe(29_900 + 100);
	});

	it('makes every caller wait out a pause after a 429', () => {
		const time = clock();
		const bucket = new TokenBucket(10, 100, time.now);
		bucket.pause(2000);
		expect(bucket.reserve()).toBe(2000);
		time.advance(2000);
		expect(bucket.reserve()).toBe(0);
	});

	it('applies a changed limit', () => {
		const time = clock();
		const bucket = new TokenBucket(10, 100, time.now);
		bucket.configure(2, 1);
		expect(bucket.reserve()).toBe(0);
		expect(bucket.reserve()).toBe(500);
	});
});
