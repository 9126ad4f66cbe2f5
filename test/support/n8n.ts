/**
 * Runs workflows in-process through n8n-core's real WorkflowExecute, the way n8n tests its own
 * nodes: the real node and credential classes, n8n's real request and authentication helpers,
 * and real HTTP to whatever the credential points at (the sandbox). Only the parts of an n8n
 * server that a workflow run does not need (database, encryption of stored credentials) are
 * replaced: credentials are handed over decrypted, as n8n's own test harness does.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import {
	createDeferredPromise,
	createRunExecutionData,
	ICredentialsHelper,
	Workflow,
} from 'n8n-workflow';

import { InboxHealthApi } from '../../credentials/InboxHealthApi.credentials';
import { InboxHealth } from '../../nodes/InboxHealth/InboxHealth.node';

/**
 * n8n-core creates an SSH connection manager with a 60 s cleanup interval for every node
 * execution context (a server shuts it down on exit). Tests shut it down after each file so
 * jest can exit.
 */
afterAll(() => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (Container.has(SSHClientsManager)) Container.get<{ onShutdown(): void }>(SSHClientsManager).onShutdown();
});

export const PACKAGE = 'n8n-nodes-inbox-health';
export const ACTION_NODE_TYPE = `${PACKAGE}.inboxHealth`;

const nodeClasses: Record<string, INodeType> = {
	[ACTION_NODE_TYPE]: new InboxHealth(),
};

/** Registers another node type (e.g. the trigger) for in-process runs. */
export function registerNodeType(type: string, node: INodeType): void {
	nodeClasses[type] = node;
}

const credentialTypes: Record<string, ICredentialType> = {
	inboxHealthApi: new InboxHealthApi(),
};

class TestNodeTypes implements INodeTypes {
	getByName(type: string): INodeType {
		const node = nodeClasses[type];
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	}

	getByNameAndVersion(type: string): INodeType {
		return this.getByName(type);
	}

	getKnownTypes() {
		return {};
	}
}

export const nodeTypes = new TestNodeTypes();

/** Hands n8n the decrypted credential data and applies the credential's own authenticate(). */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (typeof type?.authenticate === 'function') {
			return await type.authenticate(credentials, requestOptions);
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string) {
		return credentialTypes[type]?.properties ?? [];
	}
}

export function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

export interface RunResult {
	run: IRun;
	/** The items a node sent to its first output in its first run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: IRun['data']['resultData']['error'];
}

/**
 * Executes a workflow from its first node, which receives `input` as its incoming items.
 */
export async function runWorkflow(
	workflow: WorkflowJson,
	options: { credentials: Record<string, ICredentialDataDecryptedObject>; input?: IDataObject[] },
): Promise<RunResult> {
	const instance = new Workflow({
		id: 'test',
		nodes: workflow.nodes,
		connections: workflow.connections,
		nodeTypes,
		settings: workflow.settings,
		active: false,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test',
		name: 'test',
		active: false,
		isArchived: false,
		nodes: workflow.nodes,
		connections: workflow.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));

	const startNode = workflow.nodes[0];
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(
		additionalDataFor(options.credentials, hooks),
		'manual',
		runExecutionData,
	);
	await execute.processRunExecutionData(instance);
	const run = await done.promise;
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName: string) {
			const taskData = run.data.resultData.runData[nodeName]?.[0];
			if (!taskData) throw new Error(`Node "${nodeName}" did not run`);
			if (taskData.error) throw taskData.error;
			return taskData.data?.main?.[0] ?? [];
		},
	};
}

/** An Inbox Health action node for a workflow JSON. */
export function actionNode(
	parameters: IDataObject,
	options: { name?: string; continueOnFail?: boolean; position?: [number, number] } = {},
): INode {
	return {
		id: `node-${options.name ?? 'Inbox Health'}`.replace(/\W+/g, '-'),
		name: options.name ?? 'Inbox Health',
		type: ACTION_NODE_TYPE,
		typeVersion: 1,
		position: options.position ?? [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { inboxHealthApi: { id: '1', name: 'Inbox Health sandbox' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}

/** Runs one Inbox Health node on the given input items. */
export async function runActionNode(
	parameters: IDataObject,
	options: {
		credentials: Record<string, ICredentialDataDecryptedObject>;
		input?: IDataObject[];
		continueOnFail?: boolean;
	},
): Promise<RunResult & { items: INodeExecutionData[] }> {
	const node = actionNode(parameters, { continueOnFail: options.continueOnFail });
	const result = await runWorkflow({ nodes: [node], connections: {} }, options);
	const items = result.error ? [] : result.output(node.name);
	return { ...result, items };
}

/** Chains nodes in the given order (each node's first output to the next node's input). */
export function chain(nodes: INode[]): WorkflowJson {
	const connections: IConnections = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { nodes, connections };
}
