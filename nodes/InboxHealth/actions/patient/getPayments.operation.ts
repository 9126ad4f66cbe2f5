import { childListOperation } from '../../helpers/recordFields';

export const getPayments = childListOperation({
	parent: 'patient',
	parentPath: 'patients',
	child: 'payments',
	value: 'getPayments',
	name: 'Get Payments',
	action: 'Get the payments of a patient',
	description: 'List the payments a patient made; amounts are in cents',
});
