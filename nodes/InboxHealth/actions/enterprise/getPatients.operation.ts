import { childListOperation, PATIENT_SIMPLE_FIELDS } from '../../helpers/recordFields';

export const getPatients = childListOperation({
	parent: 'enterprise',
	parentPath: 'enterprises',
	child: 'patients',
	value: 'getPatients',
	name: 'Get Patients',
	action: 'Get the patients of an enterprise',
	description: 'List the patients of an enterprise',
	simplifyFields: PATIENT_SIMPLE_FIELDS,
});
