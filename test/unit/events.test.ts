import { KNOWN_EVENTS, resolveEventNames } from '../../nodes/InboxHealth/helpers/events';

describe('KNOWN_EVENTS', () => {
	it('lists the documented and required events, sorted by display name', () => {
		const values = KNOWN_EVENTS.map((event) => event.value);
		for (const required of [
			'patient_created',
			'patient_updated',
			'invoice_created',
			'invoice_updated',
			'line_item_created',
			'line_item_updated',
			'payment_created',
			'payment_updated',
			'invoice_payment_created',
			'payment_adjustment_created',
			'notification_created',
			'attachment_created',
			'account_manager_created',
			'enterprise_created',
			'practice_created',
			'doctor_created',
		]) {
			expect(values).toContain(required);
		}
		const names = KNOWN_EVENTS.map((event) => event.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(new Set(values).size).toBe(values.length);
	});

	it('gives every event a human-readable name matching its value and a description', () => {
		for (const event of KNOWN_EVENTS) {
			expect(event.value).toMatch(/^[a-z][a-z0-9_]*$/);
			const expectedName = event.value
				.split('_')
				.map((word) => word[0].toUpperCase() + word.slice(1))
				.join(' ');
			expect(event.name).toBe(expectedName);
			expect(event.description.length).toBeGreaterThan(5);
		}
	});
});

describe('resolveEventNames', () => {
	it('merges the selection with the custom list, trimmed, de-duplicated and sorted', () => {
		expect(
			resolveEventNames(
				['patient_created', 'invoice_updated'],
				' write_off_created , patient_created,,doctor_updated ',
			),
		).toEqual(['doctor_updated', 'invoice_updated', 'patient_created', 'write_off_created']);
	});

	it('accepts an empty custom list and an empty selection', () => {
		expect(resolveEventNames(['payment_created'], '')).toEqual(['payment_created']);
		expect(resolveEventNames([], 'a1_b')).toEqual(['a1_b']);
		expect(resolveEventNames([], '  ,  ')).toEqual([]);
	});

	it.each([['Patient_Created'], ['patient-created'], ['1patient'], ['patient created'], ['_patient']])(
		'rejects %p with an error naming it',
		(bad) => {
			expect(() => resolveEventNames(['patient_created'], `invoice_created, ${bad}`)).toThrow(
				new RegExp(`"${bad}"`),
			);
		},
	);

	it('validates the selected names as well', () => {
		expect(() => resolveEventNames(['Bad Name'], '')).toThrow(/"Bad Name"/);
	});

	it('throws a plain Error', () => {
		let thrown: unknown;
		try {
			resolveEventNames([], 'NOPE');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(Error);
		expect((thrown as Error).constructor).toBe(Error);
	});
});
