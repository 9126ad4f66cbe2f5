import { childListOperation } from '../../helpers/recordFields';

export const getInvoices = childListOperation({
	parent: 'doctor',
	parentPath: 'doctors',
	child: 'invoices',
	value: 'getInvoices',
	name: 'Get Invoices',
	action: 'Get the invoices of a doctor',
	description: 'List the invoices for services a doctor rendered',
});
