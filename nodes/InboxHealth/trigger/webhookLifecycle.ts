import type { IDataObject, IHookFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveEventNames } from '../helpers/events';
import { getRecord, sendRecord } from '../helpers/records';
import { apiRequest, apiRequestAllItems } from '../transport';

/**
 * The subscription behind one trigger node is one Inbox Health endpoint (`/endpoints`): the
 * node's webhook URL plus the selected event names. Its id and the URL it was registered with
 * live in the node's static data, so that activation finds it again, deactivation removes it,
 * and deliveries are verified against the URL the sender signs with.
 */
export interface TriggerStaticData extends IDataObject {
	endpointId?: number | string;
	/** The URL the endpoint was registered with (the test and production URLs differ). */
	webhookUrl?: string;
	/** Ids of recently received events, oldest first, to start the workflow once per event. */
	recentEventIds?: string[];
}

export function triggerStaticData(this: IHookFunctions | IWebhookFunctions): TriggerStaticData {
	return this.getWorkflowStaticData('node') as TriggerStaticData;
}

/** The events chosen in the node: the list plus the custom names, validated, sorted, unique. */
export function selectedEvents(this: IHookFunctions | IWebhookFunctions): string[] {
	const picked = this.getNodeParameter('events', []) as string[];
	const custom = this.getNodeParameter('customEvents', '') as string;
	try {
		return resolveEventNames(picked, custom);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	}
}

function requiredEvents(this: IHookFunctions): string[] {
	const events = selectedEvents.call(this);
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one event to listen to', {
			description: 'Select events under "Events" or type their names under "Custom Event Names"',
		});
	}
	return events;
}

function webhookUrl(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(this.getNode(), 'n8n did not provide a webhook URL for this node');
	return url;
}

export function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && String(error.httpCode) === '404';
}

function sameEvents(registered: unknown, wanted: string[]): boolean {
	if (!Array.isArray(registered)) return false;
	const current = [...new Set(registered.map(String))].sort();
	return current.length === wanted.length && current.every((event, index) => event === wanted[index]);
}

/** A test ("Listen for test event") registration, as opposed to the active workflow's. */
function isTestRegistration(this: IHookFunctions): boolean {
	return this.getActivationMode() === 'manual' || this.getMode() === 'manual';
}

function forgetEndpoint(data: TriggerStaticData): void {
	delete data.endpointId;
	delete data.webhookUrl;
}

/**
 * The node's static data, minus an endpoint that is not this registration's: while testing,
 * n8n hands the hooks a copy of the active workflow's static data, whose endpoint (registered
 * with the production URL) must be neither adopted nor deleted, even when a request fails
 * half-way and n8n calls `delete` to clean up. (`delete` itself cannot tell a test registration
 * from the active workflow's; it relies on the URL, see deleteEndpoints.)
 */
function ownStaticData(this: IHookFunctions, url: string): TriggerStaticData {
	const data = triggerStaticData.call(this);
	if (isTestRegistration.call(this) && data.endpointId !== undefined && data.webhookUrl !== url) {
		forgetEndpoint(data);
	}
	return data;
}

async function deleteEndpoint(this: IHookFunctions, id: number | string): Promise<void> {
	try {
		await apiRequest.call(this, 'DELETE', `/endpoints/${id}`);
	} catch (error) {
		// Already gone is what we wanted; anything else must surface (the transport's NodeApiError
		// is passed through unchanged by this constructor).
		if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
	}
}

/**
 * Finds this trigger's endpoint and makes it match the node: first the id kept in static data
 * (checked with GET; a 404 forgets it), else an endpoint registered with this node's URL (all
 * pages). A found endpoint whose events differ is updated in place, so a changed event list
 * never adds a second endpoint; so is the stored endpoint of an active workflow whose URL
 * changed (n8n's WEBHOOK_URL was changed). Extra endpoints with the same URL are removed.
 * Returns false when there is none, and n8n then calls `create`.
 */
export async function checkEndpointExists(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl.call(this);
	// First, before anything can fail: n8n cleans up a failed registration by calling `delete`.
	const data = ownStaticData.call(this, url);
	const events = requiredEvents.call(this);

	let endpoint: IDataObject | undefined;
	if (data.endpointId !== undefined && data.endpointId !== null) {
		try {
			endpoint = await getRecord.call(this, `/endpoints/${data.endpointId}`, 'endpoint');
		} catch (error) {
			if (!isNotFound(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
			forgetEndpoint(data);
		}
	}

	if (!endpoint) {
		const sameUrl = (await apiRequestAllItems.call(this, '/endpoints', { rootKey: 'endpoints' })).filter(
			(candidate) => candidate.url === url,
		);
		endpoint = sameUrl[0];
		for (const duplicate of sameUrl.slice(1)) {
			await deleteEndpoint.call(this, duplicate.id as number);
		}
	}
	if (!endpoint) return false;

	if (endpoint.url !== url || !sameEvents(endpoint.registered_webhooks, events)) {
		await sendRecord.call(this, 'PUT', `/endpoints/${endpoint.id}`, 'endpoint', {
			url,
			registered_webhooks: events,
		});
	}
	data.endpointId = endpoint.id as number;
	data.webhookUrl = url;
	return true;
}

/** Subscribes the node's URL to the selected events and remembers the endpoint. */
export async function createEndpoint(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl.call(this);
	const events = requiredEvents.call(this);
	const endpoint = await sendRecord.call(this, 'POST', '/endpoints', 'endpoint', {
		url,
		registered_webhooks: events,
	});
	if (endpoint.id === undefined || endpoint.id === null) {
		throw new NodeOperationError(
			this.getNode(),
			'Inbox Health created the webhook endpoint but did not return its ID',
		);
	}
	const data = triggerStaticData.call(this);
	data.endpointId = endpoint.id as number;
	data.webhookUrl = url;
	return true;
}

/**
 * Removes the subscription: the stored endpoint when it was registered with this node's URL,
 * otherwise every endpoint registered with this URL. n8n calls `delete` the same way for a test
 * registration and for the active workflow, so an endpoint stored for another URL (the active
 * workflow's, seen from a test registration) is never deleted from here. An endpoint already
 * deleted (404) is fine; other errors are thrown so n8n reports them.
 */
export async function deleteEndpoints(this: IHookFunctions): Promise<boolean> {
	const url = webhookUrl.call(this);
	const data = triggerStaticData.call(this);
	let ids: Array<number | string>;
	if (data.endpointId !== undefined && data.endpointId !== null && data.webhookUrl === url) {
		ids = [data.endpointId];
	} else {
		const endpoints = await apiRequestAllItems.call(this, '/endpoints', { rootKey: 'endpoints' });
		ids = endpoints.filter((endpoint) => endpoint.url === url).map((endpoint) => endpoint.id as number);
	}
	for (const id of ids) await deleteEndpoint.call(this, id);
	forgetEndpoint(data);
	return true;
}
