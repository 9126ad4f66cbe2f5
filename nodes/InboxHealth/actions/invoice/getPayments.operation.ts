import { invoiceChildList } from './children';

export const getPayments = invoiceChildList({
	name: 'Get Payments',
	value: 'getPayments',
	action: 'Get payments of an invoice',
	description: 'List the payments made for or applied to an invoice',
	association: 'payments',
	noun: 'payments',
	sortFields: [
		{ name: 'Created At', value: 'created_at' },
		{ name: 'Expected Amount', value: 'expected_amount_cents' },
	],
});
