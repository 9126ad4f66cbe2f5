import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const OTHER_METHOD = 'other';

/** `payment_method_type` values the API documentation names; "Other" takes any further one. */
export function paymentMethodFields(options: { name?: string; collection?: boolean } = {}): INodeProperties[] {
	const name = options.name ?? 'paymentMethodType';
	const method: INodeProperties = {
		displayName: 'Payment Method Type',
		name,
		type: 'options',
		options: [
			{ name: 'Card', value: 'card' },
			{ name: 'Cash', value: 'cash' },
			{ name: 'External Card', value: 'external_card', description: 'A card payment taken outside Inbox Health' },
			{ name: 'Insurance', value: 'insurance' },
			{ name: 'One-Time Payment', value: 'one_time_payment' },
			{ name: 'Other', value: OTHER_METHOD, description: 'Enter the method type below' },
		],
		default: 'external_card',
		description: 'How the payment was made',
	};
	if (!options.collection) method.required = true;
	const custom: INodeProperties = {
		displayName: 'Custom Payment Method Type',
		name: `${name}Custom`,
		type: 'string',
		default: '',
		placeholder: 'e.g. check',
		description: 'The payment_method_type value to send when the method type is "Other"',
	};
	if (!options.collection) custom.displayOptions = { show: { [name]: [OTHER_METHOD] } };
	return [method, custom];
}

/** The `payment_method_type` value from the option and its "Other" text. */
export function paymentMethodValue(
	this: IExecuteFunctions,
	selected: unknown,
	custom: unknown,
	itemIndex: number,
): string {
	const value = String(selected ?? '').trim();
	if (value !== OTHER_METHOD) {
		if (value === '') {
			throw new NodeOperationError(this.getNode(), '"Payment Method Type" is required', { itemIndex });
		}
		return value;
	}
	const text = String(custom ?? '').trim();
	if (!/^[a-z][a-z0-9_]*$/.test(text)) {
		throw new NodeOperationError(
			this.getNode(),
			`"Custom Payment Method Type" must be a method type such as "check" (lowercase letters, digits and underscores; got "${text}")`,
			{ itemIndex },
		);
	}
	return text;
}

/** Reads the method type out of a collection, when the user added it. */
export function paymentMethodFromCollection(
	this: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
): string | undefined {
	if (values.paymentMethodType === undefined) {
		if (values.paymentMethodTypeCustom !== undefined) {
			return paymentMethodValue.call(this, OTHER_METHOD, values.paymentMethodTypeCustom, itemIndex);
		}
		return undefined;
	}
	return paymentMethodValue.call(this, values.paymentMethodType, values.paymentMethodTypeCustom, itemIndex);
}
