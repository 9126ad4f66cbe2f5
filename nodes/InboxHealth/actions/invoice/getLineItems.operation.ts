import { invoiceChildList } from './children';

export const getLineItems = invoiceChildList({
	name: 'Get Line Items',
	value: 'getLineItems',
	action: 'Get line items of an invoice',
	description: 'List the line items (services billed) of an invoice',
	association: 'line_items',
	noun: 'line items',
	sortFields: [
		{ name: 'Created At', value: 'created_at' },
		{ name: 'Date of Service', value: 'date_of_service' },
		{ name: 'Service Code', value: 'service_code' },
		{ name: 'Total Charge Amount', value: 'total_charge_amount_cents' },
	],
});
