import { describeTarget, formatApiErrors } from '../../nodes/InboxHealth/transport/errors';
import { backoffDelay, parseRetryAfter } from '../../nodes/InboxHealth/transport';

describe('error texts', () => {
	it('names the record a path points at', () => {
		expect(describeTarget('/patients/12')).toBe('patient 12');
		expect(describeTarget('/patients/12/invoices')).toBe('patient 12');
		expect(describeTarget('/line_items/3')).toBe('line item 3');
		expect(describeTarget('/patients')).toBe('patient');
	});

	it('lists Rails field errors', () => {
		expect(
			formatApiErrors({ errors: { enterprise_id: ['must exist'], first_name: ["can't be blank"] } }),
		).toBe("enterprise_id must exist; first_name can't be blank");
		expect(formatApiErrors({ errors: ['Unauthorized'] })).toBe('Unauthorized');
		expect(formatApiErrors({ error: 'Not found' })).toBe('Not found');
		expect(formatApiErrors({ errors: { base: ['Invoice is closed'] } })).toBe('Invoice is closed');
		expect(formatApiErrors(undefined)).toBe('');
	});
});

describe('retry timing', () => {
	it('reads Retry-After as seconds or as a date', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter(['1'])).toBe(1000);
		const now = Date.parse('2026-12-03T10:00:00Z');
		expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});

	it('backs off exponentially with jitter and a cap', () => {
		expect(backoffDelay(0, () => 0)).toBe(250);
		expect(backoffDelay(0, () => 1)).toBe(500);
		expect(backoffDelay(3, () => 1)).toBe(4000);
		expect(backoffDelay(20, () => 1)).toBe(30_000);
	});
});
