import { childListOperation } from '../../helpers/recordFields';

export const getInvoices = childListOperation({
	parent: 'patient',
	parentPath: 'patients',
	child: 'invoices',
	value: 'getInvoices',
	name: 'Get Invoices',
	action: 'Get the invoices of a patient',
	description: 'List the invoices (balances) of a patient; amounts are in cents',
});
