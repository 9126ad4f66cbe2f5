import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { KNOWN_EVENTS, resolveEventNames } from '../../helpers/events';

export const urlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/webhooks/inbox-health',
	description:
		'Address Inbox Health POSTs the events to (http or https); deliveries are signed against this exact URL',
};

export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: KNOWN_EVENTS,
	default: [],
	description: 'Events to send to the URL',
};

export const customEventsField: INodeProperties = {
	displayName: 'Custom Event Names',
	name: 'customEvents',
	type: 'string',
	default: '',
	placeholder: 'e.g. write_off_created, doctor_updated',
	description:
		'Comma-separated names of further events not in the list above (model_change, lowercase, e.g. write_off_created), added to the selected ones',
};

/** An http(s) URL, or an error naming the field. */
export function requireWebhookUrl(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const text = String(value ?? '').trim();
	let valid = false;
	try {
		const url = new URL(text);
		valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		valid = false;
	}
	if (!valid) {
		throw new NodeOperationError(
			this.getNode(),
			`"URL" must be an http or https URL (got "${text}")`,
			{ itemIndex },
		);
	}
	return text;
}

/** The selected and custom event names, checked; at least one is required. */
export function requireEvents(
	this: IExecuteFunctions,
	selected: unknown,
	custom: unknown,
	itemIndex: number,
): string[] {
	let events: string[];
	try {
		events = resolveEventNames(
			Array.isArray(selected) ? selected.map(String) : [],
			typeof custom === 'string' ? custom : '',
		);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `"Custom Event Names": ${(error as Error).message}`, {
			itemIndex,
		});
	}
	if (events.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Choose at least one event under "Events" or "Custom Event Names"',
			{ itemIndex },
		);
	}
	return events;
}
