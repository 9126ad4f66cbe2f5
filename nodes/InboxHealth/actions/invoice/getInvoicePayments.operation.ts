import { invoiceChildList } from './children';

export const getInvoicePayments = invoiceChildList({
	name: 'Get Invoice Payments',
	value: 'getInvoicePayments',
	action: 'Get invoice payments of an invoice',
	description: 'List the invoice payments (the parts of payments applied to this invoice)',
	association: 'invoice_payments',
	noun: 'invoice payments',
	sortFields: [
		{ name: 'Created At', value: 'created_at' },
		{ name: 'Paid Amount', value: 'paid_amount_cents' },
	],
});
