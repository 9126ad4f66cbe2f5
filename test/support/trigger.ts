/**
 * Runs the Inbox Health Trigger in-process the way an n8n server does, with n8n-core's real
 * contexts and real HTTP:
 *
 * - activation / deactivation: n8n-core's `HookContext` around the node's webhookMethods, in the
 *   order of n8n's `WebhookService.createWebhookIfNotExists` (checkExists, then create only when
 *   it returned false) and `deleteWebhook`; production static data is saved when it changed, as
 *   `ActiveWorkflowManager` does, and test registrations keep theirs aside, as `TestWebhooks` does;
 * - deliveries: a local HTTP server takes the place of n8n's webhook route. It reads the raw body
 *   and parses it as n8n's `rawBodyReader` / `parseBody` middleware do (n8n-core's
 *   `parseIncomingMessage`, n8n-workflow's `jsonParse`, `req.rawBody` a Buffer), builds n8n-core's
 *   real `WebhookContext` on the real request and response, calls `webhook()`, and answers the
 *   way n8n's `executeWebhook` does for `responseMode: onReceived` (`noWebhookResponse` → the node
 *   answered; no `workflowData` → 200 with `webhookResponse`; otherwise 200 "Workflow was started"
 *   and the workflow runs through n8n-core's `WorkflowExecute` with the trigger's items). Static
 *   data written by `webhook()` is saved afterwards, as n8n's `LiveWebhooks` does.
 *
 * Credentials are handed over decrypted (see ./n8n.ts); nothing else of an n8n server is faked.
 */
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, parseIncomingMessage, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { jsonParse, Workflow } from 'n8n-workflow';

import { InboxHealthTrigger } from '../../nodes/InboxHealth/InboxHealthTrigger.node';
import { additionalDataFor, nodeTypes, PACKAGE, registerNodeType, runWorkflow } from './n8n';

export const TRIGGER_NODE_TYPE = `${PACKAGE}.inboxHealthTrigger`;

const trigger = new InboxHealthTrigger();
registerNodeType(TRIGGER_NODE_TYPE, trigger);

/** n8n's default `N8N_PAYLOAD_SIZE_MAX` (16 MiB): larger bodies never reach a node. */
const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

export type TriggerMode = 'production' | 'test';

type HookMethod = 'checkExists' | 'create' | 'delete';

export interface ReceivedRequest {
	mode: TriggerMode;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	/** What the caller got back. */
	status: number;
	responseBody: string;
	/** The items the trigger started a workflow with (undefined: nothing started). */
	started?: INodeExecutionData[];
	/** An error thrown by webhook(). */
	error?: Error;
}

export interface TriggerHarnessOptions {
	credentials: () => Record<string, ICredentialDataDecryptedObject>;
	parameters: IDataObject;
	name?: string;
	webhookId?: string;
}

export class TriggerHarness {
	readonly node: INode;

	/** The workflow's static data as the database holds it (JSON). */
	savedStaticData: IDataObject = {};

	/** Static data of the current test registration (kept by TestWebhooks in n8n). */
	testStaticData: IDataObject | undefined;

	/** Every request the webhook route received, in order. */
	readonly requests: ReceivedRequest[] = [];

	/** The trigger output of each workflow run that was started, in order. */
	readonly executions: INodeExecutionData[][] = [];

	/** Errors n8n would only have logged while cleaning up after a failed activation. */
	readonly cleanUpErrors: Error[] = [];

	private active = false;

	private readonly waiters = new Set<() => void>();

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
		private readonly options: TriggerHarnessOptions,
	) {
		this.node = {
			id: 'inbox-health-trigger',
			name: options.name ?? 'Inbox Health Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: options.webhookId ?? '7d4c0f52-3c1b-4a8e-9a51-0f6a2e9b1c01',
			parameters: options.parameters as INode['parameters'],
			credentials: { inboxHealthApi: { id: '1', name: 'Inbox Health sandbox' } },
		};
	}

	static async start(options: TriggerHarnessOptions): Promise<TriggerHarness> {
		let harness: TriggerHarness | undefined;
		const server = createServer((request, response) => {
			void harness!.handle(request, response).catch((error: Error) => {
				if (!response.headersSent) response.writeHead(500);
				response.end(String(error.message));
			});
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		const { port } = server.address() as AddressInfo;
		harness = new TriggerHarness(server, `http://127.0.0.1:${port}`, options);
		return harness;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	setParameters(parameters: IDataObject): void {
		this.node.parameters = parameters as INode['parameters'];
	}

	/** The node's static data ("node:<name>") as saved, or as the test registration holds it. */
	nodeStaticData(mode: TriggerMode = 'production'): IDataObject {
		const store = mode === 'test' ? (this.testStaticData ?? {}) : this.savedStaticData;
		return (store[`node:${this.node.name}`] ?? {}) as IDataObject;
	}

	get productionUrl(): string {
		return `${this.baseUrl}/webhook/${this.node.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.baseUrl}/webhook-test/${this.node.webhookId}/webhook`;
	}

	/**
	 * Activation (production) or "listen for test event" (test): checkExists, then create if it
	 * returned false. Returns what checkExists answered.
	 */
	async activate(mode: TriggerMode = 'production'): Promise<boolean> {
		// TestWebhooks builds the workflow from the stored entity too, static data included.
		const workflow = this.workflow(this.savedStaticData);
		const [executeMode, activation] = (
			mode === 'test' ? ['manual', 'manual'] : ['trigger', 'activate']
		) as [WorkflowExecuteMode, WorkflowActivateMode];
		let exists: boolean;
		try {
			exists = await this.runHook('checkExists', workflow, mode, executeMode, activation);
			if (!exists) await this.runHook('create', workflow, mode, executeMode, activation);
		} catch (error) {
			await this.cleanUpFailedActivation(workflow, mode);
			throw error;
		}
		if (mode === 'test') {
			this.testStaticData = clone(workflow.staticData);
		} else {
			this.save(workflow);
			this.active = true;
		}
		return exists;
	}

	/**
	 * What n8n does when activation fails: TestWebhooks.deactivateWebhooks calls delete with the
	 * workflow it was registering (static data as the failed hooks left it);
	 * ActiveWorkflowManager.clearWebhooks calls delete with the static data from the database.
	 * Errors of that clean-up are only logged by n8n.
	 */
	private async cleanUpFailedActivation(workflow: Workflow, mode: TriggerMode): Promise<void> {
		const target = mode === 'test' ? workflow : this.workflow(this.savedStaticData);
		try {
			await this.runHook('delete', target, mode, 'internal', 'update');
		} catch (error) {
			this.cleanUpErrors.push(error as Error);
		}
		if (mode === 'production') this.save(target);
	}

	/** Deactivation (production) or the end of a test registration (test): delete. */
	async deactivate(mode: TriggerMode = 'production'): Promise<boolean> {
		const workflow = this.workflow(mode === 'test' ? (this.testStaticData ?? {}) : this.savedStaticData);
		try {
			return await this.runHook('delete', workflow, mode, 'internal', 'update');
		} finally {
			if (mode === 'test') {
				this.testStaticData = undefined;
			} else {
				this.save(workflow);
				this.active = false;
			}
		}
	}

	/** Resolves once `count` requests have been answered (fails after the timeout). */
	async waitForRequests(count: number, timeoutMs = 10_000): Promise<ReceivedRequest[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.requests.length < count) {
			const remaining = deadline - Date.now();
			if (remaining <= 0) {
				throw new Error(`expected ${count} webhook requests, received ${this.requests.length}`);
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, Math.min(remaining, 200));
				this.waiters.add(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		return this.requests;
	}

	/** Sends a request to the node's webhook URL as any HTTP client would. */
	async post(
		body: string | Buffer,
		headers: Record<string, string>,
		mode: TriggerMode = 'production',
	): Promise<{ status: number; body: string }> {
		const response = await fetch(mode === 'test' ? this.testUrl : this.productionUrl, {
			method: 'POST',
			headers,
			body: typeof body === 'string' ? body : new Uint8Array(body),
		});
		return { status: response.status, body: await response.text() };
	}

	private workflow(staticData: IDataObject): Workflow {
		return new Workflow({
			id: 'inbox-health-trigger-test',
			name: 'Inbox Health Trigger test',
			nodes: [this.node],
			connections: {},
			nodeTypes,
			active: true,
			staticData: clone(staticData),
			settings: {},
		});
	}

	/** What WorkflowStaticDataService.saveStaticData does: store it when it changed. */
	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) {
			this.savedStaticData = clone(workflow.staticData);
			workflow.staticData.__dataChanged = false;
		}
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			...additionalDataFor(this.options.credentials()),
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			webhookWaitingBaseUrl: `${this.baseUrl}/webhook-waiting`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private webhookData(
		workflow: Workflow,
		mode: TriggerMode,
		additionalData: IWorkflowExecuteAdditionalData,
	): IWebhookData {
		const description = trigger.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/${description.path}`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest: mode === 'test',
		};
	}

	/** WebhookService.runWebhookMethod: the node's method called with a real HookContext. */
	private async runHook(
		method: HookMethod,
		workflow: Workflow,
		mode: TriggerMode,
		executeMode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean> {
		const additionalData = this.additionalData();
		const webhookData = this.webhookData(workflow, mode, additionalData);
		const context = new HookContext(workflow, this.node, additionalData, executeMode, activation, webhookData);
		return await trigger.webhookMethods.default[method].call(context);
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const path = new URL(request.url ?? '/', this.baseUrl).pathname;
		const match = /^\/(webhook|webhook-test)\/([^/]+)\/webhook\/?$/.exec(path);
		const mode: TriggerMode = match?.[1] === 'webhook-test' ? 'test' : 'production';
		const registered = mode === 'test' ? this.testStaticData !== undefined : this.active;
		if (!match || match[2] !== this.node.webhookId || request.method !== 'POST' || !registered) {
			respond(response, 404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}

		// n8n's rawBodyReader + parseBody.
		parseIncomingMessage(request);
		const rawBody = await readBody(request);
		const record: ReceivedRequest = { mode, headers: request.headers, rawBody, status: 0, responseBody: '' };
		const finished = captureResponse(response, record);
		try {
			const webhookRequest = request as IncomingMessage & { rawBody?: Buffer; body?: unknown };
			webhookRequest.rawBody = rawBody;
			if (rawBody.length > N8N_PAYLOAD_SIZE_MAX) {
				respond(response, 413, { code: 413, message: 'request entity too large' });
				return;
			}
			if (rawBody.length > 0) {
				const encoding = (request.encoding ?? 'utf-8') as BufferEncoding;
				try {
					if (request.contentType === 'application/json') {
						webhookRequest.body = jsonParse(rawBody.toString(encoding));
					} else if (request.contentType === 'text/plain') {
						webhookRequest.body = rawBody.toString(encoding);
					}
				} catch (error) {
					respond(response, 422, { code: 422, message: 'Failed to parse request body', hint: (error as Error).message });
					return;
				}
			}
			webhookRequest.body ??= {};

			// n8n's executeWebhook, responseMode "onReceived".
			const workflow = this.workflow(this.savedStaticData);
			if (mode === 'test' && this.testStaticData) workflow.setTestStaticData(clone(this.testStaticData));
			const additionalData = this.additionalData({
				httpRequest: request as never,
				httpResponse: response as never,
			});
			const context = new WebhookContext(
				workflow,
				this.node,
				additionalData,
				mode === 'test' ? 'manual' : 'webhook',
				this.webhookData(workflow, mode, additionalData),
				[],
				null,
			);
			let result: IWebhookResponseData;
			try {
				result = await trigger.webhook.call(context);
			} catch (error) {
				record.error = error as Error;
				respond(response, 500, { code: 0, message: 'Error in workflow' });
				return;
			}
			if (result.noWebhookResponse !== true) {
				if (result.workflowData === undefined) {
					respond(response, 200, result.webhookResponse ?? { message: 'Webhook call received' });
				} else {
					respond(response, 200, { message: 'Workflow was started' });
				}
			}
			if (result.workflowData !== undefined) {
				record.started = result.workflowData[0];
				const run = await runWorkflow(
					{ nodes: [this.node], connections: {} },
					{ credentials: this.options.credentials(), input: record.started.map((item) => item.json) },
				);
				this.executions.push(run.output(this.node.name));
			}
			if (mode === 'production') this.save(workflow);
		} catch (error) {
			record.error = error as Error;
			if (!response.headersSent) respond(response, 500, { code: 0, message: (error as Error).message });
		} finally {
			if (!response.writableEnded) response.end();
			await finished;
			this.requests.push(record);
			for (const wake of this.waiters) wake();
			this.waiters.clear();
		}
	}
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

function respond(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** Records the status and body the caller receives, whoever writes them (n8n or the node). */
function captureResponse(response: ServerResponse, record: ReceivedRequest): Promise<void> {
	const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
	const done = new Promise<void>((resolve) => response.once('finish', () => resolve()));
	response.end = ((...args: unknown[]) => {
		const [chunk] = args;
		if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) record.responseBody = chunk.toString();
		record.status = response.statusCode;
		return end(...args);
	}) as ServerResponse['end'];
	return done;
}
