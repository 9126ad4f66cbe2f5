import { childListOperation } from '../../helpers/recordFields';

export const getInvoices = childListOperation({
	parent: 'practice',
	parentPath: 'practices',
	child: 'invoices',
	value: 'getInvoices',
	name: 'Get Invoices',
	action: 'Get the invoices of a practice',
	description: 'List the invoices billed by a practice',
});
