import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from './validation';

/** The records a user picks from a list or enters by ID; each has a list search in methods/. */
export const LOCATOR_KINDS = {
	enterprise: { label: 'Enterprise', searchListMethod: 'searchEnterprises' },
	practice: { label: 'Practice', searchListMethod: 'searchPractices' },
	doctor: { label: 'Doctor', searchListMethod: 'searchDoctors' },
	patient: { label: 'Patient', searchListMethod: 'searchPatients' },
	invoice: { label: 'Invoice', searchListMethod: 'searchInvoices' },
} as const;

export type LocatorKind = keyof typeof LOCATOR_KINDS;

/** A resource locator field: "From List" (searchable) or "By ID". */
export function locator(
	kind: LocatorKind,
	options: { name?: string; displayName?: string; required?: boolean; description?: string } = {},
): INodeProperties {
	const { label, searchListMethod } = LOCATOR_KINDS[kind];
	return {
		displayName: options.displayName ?? label,
		name: options.name ?? `${kind}Id`,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description ?? `The ${label.toLowerCase()} to use`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${label.toLowerCase()}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 123',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'An Inbox Health ID is a number' },
					},
				],
			},
		],
	};
}

/** The numeric id chosen in a resource locator (or given as a plain value by an expression). */
export function locatorId(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	displayName = name,
): number {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return requireId.call(this, value, displayName, itemIndex);
}

/** Like locatorId, but an empty optional locator gives undefined. */
export function optionalLocatorId(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	displayName = name,
): number | undefined {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true });
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return requireId.call(this, value, displayName, itemIndex);
}
