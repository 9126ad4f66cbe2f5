import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resources as allResources } from './resources';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The Resource and Operation selectors and every operation's fields, shown only where they apply. */
export function buildProperties(defaultResource: string): INodeProperties[] {
	const resources = allResources.filter((resource) => resource.operations.length > 0);
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((resource) => resource.option).sort(byName),
			default: defaultResource,
		},
	];
	for (const resource of resources) {
		const operations = resource.operations.map((operation) => operation.option).sort(byName);
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the resource's Get Many (or first) operation, computed below
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.option.value] } },
			options: operations,
			default: (operations.find((option) => option.value === 'getAll') ?? operations[0]).value,
		});
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			properties.push(
				...updateDisplayOptions(
					{ show: { resource: [resource.option.value], operation: [operation.option.value] } },
					operation.properties,
				),
			);
		}
	}
	return properties;
}
