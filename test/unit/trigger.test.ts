import type { INodeProperties } from 'n8n-workflow';

import codex from '../../nodes/InboxHealth/InboxHealthTrigger.node.json';
import { InboxHealthTrigger } from '../../nodes/InboxHealth/InboxHealthTrigger.node';
import { KNOWN_EVENTS } from '../../nodes/InboxHealth/helpers/events';
import { MAX_BODY_BYTES, parseEventBody } from '../../nodes/InboxHealth/trigger/delivery';

const { description } = new InboxHealthTrigger();
const property = (name: string) => description.properties.find((entry) => entry.name === name) as INodeProperties;
const option = (name: string) =>
	(property('options').options as INodeProperties[]).find((entry) => entry.name === name) as INodeProperties;

describe('Inbox Health Trigger description', () => {
	it('is a webhook trigger n8n can register', () => {
		expect(description).toMatchObject({
			name: 'inboxHealthTrigger',
			displayName: 'Inbox Health Trigger',
			group: ['trigger'],
			inputs: [],
			credentials: [{ name: 'inboxHealthApi', required: true }],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(codex.node).toBe('n8n-nodes-inbox-health.inboxHealthTrigger');
	});

	it('offers the known events and custom event names', () => {
		expect(property('events')).toMatchObject({ type: 'multiOptions', default: [], options: KNOWN_EVENTS });
		expect(property('customEvents')).toMatchObject({ type: 'string', default: '' });
	});

	it('verifies signatures by default and warns about switching it off', () => {
		expect(option('verifySignature')).toMatchObject({ type: 'boolean', default: true });
		expect(option('verifySignature').description).toMatch(/anyone who knows the webhook URL/);
		expect(option('output')).toMatchObject({ default: 'event' });
		expect((option('output').options as Array<{ value: string }>).map((entry) => entry.value).sort()).toEqual([
			'event',
			'object',
		]);
		expect(option('includeHeaders')).toMatchObject({ type: 'boolean', default: false });
	});
});

describe('parseEventBody', () => {
	it('accepts a JSON object and refuses everything else with a reason', () => {
		expect('event' in parseEventBody(Buffer.from('{"event_type":"patient_created"}'))).toBe(true);
		expect(parseEventBody(Buffer.alloc(0))).toEqual({ error: 'Empty body: expected a JSON event' });
		expect(parseEventBody(Buffer.from('[]'))).toEqual({
			error: 'Body must be a JSON object (an Inbox Health event)',
		});
		expect(parseEventBody(Buffer.from('{"a":'))).toEqual({
			error: expect.stringMatching(/^Body is not valid JSON: Unexpected end of JSON at position 5$/),
		});
		expect(parseEventBody(Buffer.from([0x7b, 0x7d, 0xc3]))).toEqual({ error: 'Body is not valid UTF-8' });
	});

	it('refuses bodies over the size limit before parsing them', () => {
		const atLimit = Buffer.alloc(MAX_BODY_BYTES, 0x20);
		atLimit.write('{}');
		expect('event' in parseEventBody(atLimit)).toBe(true);
		const over = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
		over.write('{}');
		expect(parseEventBody(over)).toEqual({
			error: `Body too large: ${MAX_BODY_BYTES + 1} bytes (at most ${MAX_BODY_BYTES})`,
		});
	});
});
