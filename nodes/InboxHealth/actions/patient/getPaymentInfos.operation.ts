import { childListOperation } from '../../helpers/recordFields';

export const getPaymentInfos = childListOperation({
	parent: 'patient',
	parentPath: 'patients',
	child: 'patient_payment_infos',
	value: 'getPaymentInfos',
	name: 'Get Payment Infos',
	action: 'Get the saved payment methods of a patient',
	description: 'List the payment methods (cards) a patient saved',
});
