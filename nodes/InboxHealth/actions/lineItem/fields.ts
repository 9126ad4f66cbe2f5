import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requireCents, requireDate } from '../../helpers/validation';

/** Display names of the line item fields, by API field name (used in validation messages). */
export const LINE_ITEM_LABELS: Record<string, string> = {
	covered_amount_cents: 'Covered Amount (Cents)',
	date_of_service: 'Date of Service',
	description: 'Description',
	insurance_owed_amount_cents: 'Insurance Owed Amount (Cents)',
	quantity: 'Quantity',
	service_code: 'Service Code',
	tax_amount_cents: 'Tax Amount (Cents)',
	total_charge_amount_cents: 'Total Charge Amount (Cents)',
};

const CENTS_FIELDS = new Set([
	'total_charge_amount_cents',
	'covered_amount_cents',
	'insurance_owed_amount_cents',
	'tax_amount_cents',
]);

const centsField = (name: string, description: string): INodeProperties => ({
	displayName: LINE_ITEM_LABELS[name],
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 0 },
	default: 0,
	description,
});

/**
 * The fields of a line item, sorted by display name, named as the API names them.
 * `except` leaves fields out (e.g. the one shown as a required field of its own).
 */
export function lineItemFields(except: string[] = []): INodeProperties[] {
	const fields: INodeProperties[] = [
		centsField(
			'covered_amount_cents',
			'Part of the charge covered (e.g. by insurance or a discount), in cents; it does not count towards the balance',
		),
		{
			displayName: LINE_ITEM_LABELS.date_of_service,
			name: 'date_of_service',
			type: 'dateTime',
			default: '',
			description:
				"Date the service was provided (YYYY-MM-DD); on an invoice, empty means the invoice's date of service",
		},
		{
			displayName: LINE_ITEM_LABELS.description,
			name: 'description',
			type: 'string',
			default: '',
			description: 'What the service was, as the patient sees it on the statement',
		},
		centsField(
			'insurance_owed_amount_cents',
			"Part of the charge still expected from insurance, in cents; while outstanding it is an insurance balance, not the patient's",
		),
		{
			displayName: LINE_ITEM_LABELS.quantity,
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'Number of units of the service',
		},
		{
			displayName: LINE_ITEM_LABELS.service_code,
			name: 'service_code',
			type: 'string',
			default: '',
			placeholder: 'e.g. 99213',
			description: 'Procedure code of the service (e.g. CPT or HCPCS)',
		},
		centsField('tax_amount_cents', 'Tax on the service, in cents'),
		centsField(
			'total_charge_amount_cents',
			'Full charge for the service, in cents (the patient owes the charge minus the covered and insurance-owed amounts)',
		),
	];
	return fields.filter((field) => !except.includes(field.name));
}

/**
 * Validates the line item fields the user filled in and returns them as the API wants them.
 * Empty text fields are left out; `label` prefixes the field names in error messages.
 */
export function buildLineItem(
	this: IExecuteFunctions,
	values: IDataObject,
	itemIndex: number,
	label = '',
): IDataObject {
	const record: IDataObject = {};
	for (const [field, value] of Object.entries(values)) {
		const name = `${label}${LINE_ITEM_LABELS[field] ?? field}`;
		if (CENTS_FIELDS.has(field)) {
			record[field] = requireCents.call(this, value, name, itemIndex);
		} else if (field === 'quantity') {
			record.quantity = requireQuantity.call(this, value, name, itemIndex);
		} else if (field === 'date_of_service') {
			const date = requireDate.call(this, value, name, itemIndex, { optional: true });
			if (date) record.date_of_service = date;
		} else if (value !== undefined && value !== null && String(value).trim() !== '') {
			record[field] = typeof value === 'string' ? value.trim() : value;
		}
	}
	return record;
}

function requireQuantity(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`"${field}" must be a whole number of 1 or more (got "${String(value ?? '')}")`,
			{ itemIndex },
		);
	}
	return number;
}

/** The "Line Items" list of an invoice (create, update, quick pay). */
export function lineItemsCollection(description?: string): INodeProperties {
	return {
		displayName: 'Line Items',
		name: 'lineItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Line Item',
		default: {},
		description:
			description ??
			"The services billed on the invoice; each adds its total charge minus its covered and insurance-owed amounts to the patient's balance",
		options: [{ displayName: 'Line Item', name: 'lineItem', values: lineItemFields() }],
	};
}

/**
 * `line_items_attributes` from the "Line Items" parameter. A line item without a date of service
 * gets `defaultDate` (the invoice's). Every line item is validated before any request is sent.
 */
export function lineItemsAttributes(
	this: IExecuteFunctions,
	itemIndex: number,
	defaultDate: string | undefined,
	{ requireCharge = true } = {},
): IDataObject[] {
	const collection = this.getNodeParameter('lineItems', itemIndex, {}) as IDataObject;
	const entries = (collection.lineItem ?? []) as IDataObject[];
	return entries.map((entry, index) => {
		const label = `Line Item ${index + 1}: `;
		const record = buildLineItem.call(this, entry, itemIndex, label);
		if (requireCharge && record.total_charge_amount_cents === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`"${label}${LINE_ITEM_LABELS.total_charge_amount_cents}" is required`,
				{ itemIndex },
			);
		}
		if (record.date_of_service === undefined && defaultDate) {
			record.date_of_service = defaultDate;
		}
		return record;
	});
}
