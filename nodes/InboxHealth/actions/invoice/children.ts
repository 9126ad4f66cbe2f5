import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getMany, getManyProperties } from '../../helpers/getMany';
import { locator, locatorId } from '../../helpers/locators';
import type { OperationDefinition } from '../types';

/** "Get <children>" of an invoice: `GET /invoices/{id}/<association>`, paged like every list. */
export function invoiceChildList(spec: {
	value: string;
	name: string;
	action: string;
	description: string;
	association: string;
	noun: string;
	filters?: INodeProperties[];
	sortFields?: Array<{ name: string; value: string }>;
}): OperationDefinition {
	return {
		option: { name: spec.name, value: spec.value, action: spec.action, description: spec.description },
		properties: [
			locator('invoice', { description: `The invoice whose ${spec.noun} to return` }),
			...getManyProperties({
				noun: spec.noun,
				filters: spec.filters,
				sortFields: spec.sortFields ?? [{ name: 'Created At', value: 'created_at' }],
			}),
		],
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = locatorId.call(this, 'invoiceId', itemIndex, 'Invoice');
			return await getMany.call(this, itemIndex, `/invoices/${id}/${spec.association}`, spec.association);
		},
	};
}
