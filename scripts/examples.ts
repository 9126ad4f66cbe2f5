/**
 * The example workflows in examples/*.json: reading them and importing them into a
 * running n8n with their credential references pointed at local credentials.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { bindCredentials, N8nApiError, type CredentialRef, type N8nInstance, type Workflow, type WorkflowJson } from './n8n';
import { REPO_ROOT } from './runtime';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** Paths of examples/*.json, sorted by name. */
export function listExamples(dir = EXAMPLES_DIR): string[] {
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => path.join(dir, file));
}

/** Reads an example by path or by file name (with or without `.json`). */
export function readExample(nameOrPath: string): WorkflowJson {
	const file = path.isAbsolute(nameOrPath) ? nameOrPath : path.join(EXAMPLES_DIR, nameOrPath.replace(/(\.json)?$/, '.json'));
	const json = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
	if (typeof json.name !== 'string' || !Array.isArray(json.nodes) || typeof json.connections !== 'object') {
		throw new Error(`${file} is not an n8n workflow export (needs name, nodes and connections)`);
	}
	return json;
}

/** Production webhook URLs of the workflow's Webhook nodes (they answer once it is active). */
export function webhookUrlsOf(json: WorkflowJson, webhookBaseUrl: string): string[] {
	return json.nodes
		.filter((node) => node.type === 'n8n-nodes-base.webhook' && typeof node.parameters.path === 'string')
		.map((node) => `${webhookBaseUrl}/${String(node.parameters.path).replace(/^\//, '')}`);
}

export interface ImportedExample {
	file: string;
	workflow: Workflow;
	/** False when a workflow of that name was already there (left untouched). */
	created: boolean;
	/** Why activation failed, if it did. */
	activationError?: string;
}

/**
 * Imports every example whose name is not in n8n yet, with credential references of
 * the given types replaced by the local credentials, and activates it (failures to
 * activate are reported, not thrown: an example may need a credential not given).
 */
export async function importExamples(
	n8n: N8nInstance,
	credentialsByType: Record<string, CredentialRef>,
	files = listExamples(),
): Promise<ImportedExample[]> {
	const existing = new Map((await n8n.listWorkflows()).map((workflow) => [workflow.name, workflow]));
	const results: ImportedExample[] = [];
	for (const file of files) {
		const json = bindCredentials(readExample(file), credentialsByType);
		const already = existing.get(json.name);
		if (already) {
			results.push({ file, workflow: already, created: false });
			continue;
		}
		const workflow = await n8n.createWorkflow(json);
		results.push({ file, ...(await tryActivate(n8n, workflow)), created: true });
	}
	return results;
}

async function tryActivate(n8n: N8nInstance, workflow: Workflow): Promise<{ workflow: Workflow; activationError?: string }> {
	try {
		return { workflow: await n8n.activate(workflow.id) };
	} catch (error) {
		if (!(error instanceof N8nApiError)) throw error;
		return { workflow, activationError: error.message };
	}
}
