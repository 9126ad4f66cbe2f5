import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idList } from '../../helpers/fields';

export const paymentReasonsField: INodeProperties = {
	displayName: 'Payment Reason IDs',
	name: 'paymentReasonIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 12, 15',
	description:
		'Comma-separated IDs of payment reasons (adjustment reason codes) explaining the payment, sent as payment_reasons_invoice_payments_attributes',
};

/** `payment_reasons_invoice_payments_attributes` from the "Payment Reason IDs" field. */
export function paymentReasonsAttributes(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject[] {
	return idList
		.call(this, value, 'Payment Reason IDs', itemIndex)
		.map((id) => ({ payment_reason_id: id }));
}
