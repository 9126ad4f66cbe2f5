import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import type { OperationDefinition } from '../types';
import { buildLineItem, LINE_ITEM_LABELS, lineItemFields } from './fields';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a line item',
		description: 'Add a service (or an adjustment) to an existing invoice',
	},
	properties: [
		locator('invoice', { description: 'The invoice the line item is added to' }),
		{
			displayName: LINE_ITEM_LABELS.total_charge_amount_cents,
			name: 'totalChargeAmountCents',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description:
				'Full charge for the service, in cents (the patient owes the charge minus the covered and insurance-owed amounts)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: lineItemFields(['total_charge_amount_cents']),
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const invoiceId = locatorId.call(this, 'invoiceId', itemIndex, 'Invoice');
		const record = buildLineItem.call(
			this,
			{
				total_charge_amount_cents: this.getNodeParameter('totalChargeAmountCents', itemIndex, 0),
				...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
			},
			itemIndex,
		);
		return await sendRecord.call(
			this,
			'POST',
			'/line_items',
			'line_item',
			{ invoice_id: invoiceId, ...record },
			{ itemIndex },
		);
	},
};
