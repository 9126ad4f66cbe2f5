import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';
import type { JsonObject, RawJson } from './json';
import { isJsonObject, parseJson, toPlain } from './json';
import { computeSignature, SIGNATURE_HEADER, signaturesMatch } from './signature';
import { selectedEvents, triggerStaticData } from './webhookLifecycle';

/** Larger bodies are refused before parsing (real events are a few kilobytes). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/**
 * How many event ids are remembered (in the node's static data, which n8n saves after each
 * delivery) to recognise a delivery sent again. Two copies arriving at the very same moment can
 * still both start the workflow: n8n loads static data per request and saves it afterwards.
 */
export const REMEMBERED_EVENTS = 1000;

/** Request headers never copied to the output, in case a proxy adds credentials. */
const PRIVATE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

interface DeliveryOptions {
	verifySignature?: boolean;
	output?: 'event' | 'object';
	includeHeaders?: boolean;
}

/** The part of n8n's request object this node reads. */
interface WebhookRequest {
	rawBody?: unknown;
}

/** Answers the request itself (n8n sends nothing more) and starts nothing. */
function refuse(this: IWebhookFunctions, status: 400 | 401, message: string): IWebhookResponseData {
	const response = this.getResponseObject();
	// Plain Node.js response methods: n8n's Express response is a ServerResponse too.
	response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify({ code: status, message }));
	return { noWebhookResponse: true };
}

/** n8n answers 200 with this body and starts nothing. */
function acknowledge(message: string): IWebhookResponseData {
	return { webhookResponse: { received: true, started: false, message } };
}

/**
 * The body's bytes as they arrived. n8n keeps them on the request as `rawBody` (a Buffer) for
 * every webhook; should a runtime not provide it, the parsed body is serialised again, which
 * verifies only if the sender wrote its JSON the way JavaScript does (e.g. not `0.0`).
 */
function rawBodyOf(this: IWebhookFunctions): Buffer {
	const { rawBody } = this.getRequestObject() as WebhookRequest;
	if (Buffer.isBuffer(rawBody)) return rawBody;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	const body = this.getBodyData() as unknown;
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	if (typeof body === 'object' && Object.keys(body).length === 0) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(body), 'utf8');
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** Why the bytes are not a JSON object, or the parsed object. */
export function parseEventBody(raw: Buffer): { event: JsonObject } | { error: string } {
	if (raw.length === 0) return { error: 'Empty body: expected a JSON event' };
	if (raw.length > MAX_BODY_BYTES) {
		return { error: `Body too large: ${raw.length} bytes (at most ${MAX_BODY_BYTES})` };
	}
	const text = raw.toString('utf8');
	if (!Buffer.from(text, 'utf8').equals(raw)) return { error: 'Body is not valid UTF-8' };
	let parsed: RawJson;
	try {
		parsed = parseJson(text);
	} catch (error) {
		return { error: `Body is not valid JSON: ${(error as Error).message}` };
	}
	if (!isJsonObject(parsed)) return { error: 'Body must be a JSON object (an Inbox Health event)' };
	return { event: parsed };
}

/**
 * One delivery: verify, parse, filter, de-duplicate, output.
 *
 * - signature required and missing or wrong → 401, nothing started
 * - body empty, too large, not UTF-8, not JSON, not an object, no `event_type` → 400
 * - event type not selected, or an event id seen recently → 200, nothing started
 * - otherwise the workflow starts with one item: the event or its `event_data.object`
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as DeliveryOptions;
	const verify = options.verifySignature !== false;
	const headers = this.getHeaderData();
	const signature = headerValue(headers[SIGNATURE_HEADER]);

	if (verify && (signature === undefined || signature.trim() === '')) {
		return refuse.call(this, 401, 'Missing X-InboxHealth-Signature header');
	}

	const parsed = parseEventBody(rawBodyOf.call(this));
	if ('error' in parsed) return refuse.call(this, 400, parsed.error);

	const data = triggerStaticData.call(this);
	if (verify) {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const url = data.webhookUrl ?? this.getNodeWebhookUrl('default') ?? '';
		const expected = computeSignature(url, parsed.event, String(credentials.apiKey ?? ''));
		if (!signaturesMatch(expected, signature)) {
			return refuse.call(this, 401, 'Invalid X-InboxHealth-Signature');
		}
	}

	const event = toPlain(parsed.event) as IDataObject;
	const eventType = event.event_type;
	if (typeof eventType !== 'string' || eventType === '') {
		return refuse.call(this, 400, 'Body has no "event_type": not an Inbox Health event');
	}
	if (!selectedEvents.call(this).includes(eventType)) {
		return acknowledge(`Event type ${eventType} is not selected in this trigger`);
	}

	if (event.id !== undefined && event.id !== null) {
		const id = String(event.id);
		const recent = Array.isArray(data.recentEventIds) ? data.recentEventIds.map(String) : [];
		if (recent.includes(id)) return acknowledge(`Event ${id} was already received`);
		// A new array (not push) so n8n notices the change and saves it.
		data.recentEventIds = [...recent, id].slice(-REMEMBERED_EVENTS);
	}

	let output: IDataObject = event;
	if (options.output === 'object') {
		const object = (event.event_data as IDataObject | undefined)?.object;
		if (object && typeof object === 'object' && !Array.isArray(object)) output = object as IDataObject;
	}
	if (options.includeHeaders) {
		const copied: IDataObject = {};
		for (const [name, value] of Object.entries(headers)) {
			if (!PRIVATE_HEADERS.has(name.toLowerCase())) copied[name] = value;
		}
		output = { ...output, headers: copied };
	}
	// Answer here, so that n8n saves the static data (recentEventIds) before it starts the run.
	const response = this.getResponseObject();
	response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify({ received: true, started: true }));
	return { noWebhookResponse: true, workflowData: [[{ json: output }]] };
}
