/**
 * Webhook event names Inbox Health sends (`<model>_<change>`), shared by the
 * Webhook Subscription resource of the action node and by the trigger node.
 * Events not listed here can still be subscribed to by name ("Custom Event Names").
 */
export interface KnownEvent {
	name: string;
	value: string;
	description: string;
}

const EVENTS: KnownEvent[] = [
	{
		name: 'Account Manager Created',
		value: 'account_manager_created',
		description: 'An account manager was created',
	},
	{
		name: 'Attachment Created',
		value: 'attachment_created',
		description: 'A file was attached to a record',
	},
	{ name: 'Doctor Created', value: 'doctor_created', description: 'A doctor was created' },
	{
		name: 'Enterprise Created',
		value: 'enterprise_created',
		description: 'An enterprise was created',
	},
	{ name: 'Invoice Created', value: 'invoice_created', description: 'An invoice was created' },
	{
		name: 'Invoice Payment Created',
		value: 'invoice_payment_created',
		description: 'A payment was applied to an invoice',
	},
	{
		name: 'Invoice Updated',
		value: 'invoice_updated',
		description:
			"An invoice's own fields were edited (adding a line item or an invoice payment sends Line Item Created or Invoice Payment Created instead)",
	},
	{
		name: 'Line Item Created',
		value: 'line_item_created',
		description: 'A line item was added to an invoice',
	},
	{
		name: 'Line Item Updated',
		value: 'line_item_updated',
		description: 'A line item was edited',
	},
	{
		name: 'Notification Created',
		value: 'notification_created',
		description: 'A notification (statement, email, text) was created for a patient',
	},
	{
		name: 'Patient Created',
		value: 'patient_created',
		description: 'A patient was created',
	},
	{
		name: 'Patient Updated',
		value: 'patient_updated',
		description: 'A patient was edited',
	},
	{
		name: 'Payment Adjustment Created',
		value: 'payment_adjustment_created',
		description: 'A payment was voided or a refund was recorded',
	},
	{ name: 'Payment Created', value: 'payment_created', description: 'A payment was created' },
	{ name: 'Payment Updated', value: 'payment_updated', description: 'A payment was edited' },
	{
		name: 'Practice Created',
		value: 'practice_created',
		description: 'A practice was created',
	},
];

/** Known webhook events, sorted by display name (n8n option lists must be sorted). */
export const KNOWN_EVENTS: KnownEvent[] = [...EVENTS].sort((a, b) => a.name.localeCompare(b.name));

export const EVENT_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * Merges the events picked from the list with a comma-separated list of custom
 * event names: trimmed, de-duplicated, validated and sorted.
 * Throws a plain Error naming the first invalid event name.
 */
export function resolveEventNames(selected: string[] | undefined | null, custom?: string | null): string[] {
	const names = new Set<string>();
	const candidates = [
		...(Array.isArray(selected) ? selected : []),
		...(typeof custom === 'string' ? custom.split(',') : []),
	];
	for (const candidate of candidates) {
		const name = String(candidate ?? '').trim();
		if (name === '') continue;
		if (!EVENT_NAME_PATTERN.test(name)) {
			throw new Error(
				`Invalid event name "${name}": event names are lowercase letters, digits and underscores, starting with a letter (e.g. patient_created)`,
			);
		}
		names.add(name);
	}
	return [...names].sort();
}
