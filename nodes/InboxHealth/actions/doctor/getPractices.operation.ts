import { childListOperation } from '../../helpers/recordFields';

export const getPractices = childListOperation({
	parent: 'doctor',
	parentPath: 'doctors',
	child: 'practices',
	value: 'getPractices',
	name: 'Get Practices',
	action: 'Get the practices of a doctor',
	description: 'List the practices a doctor works at',
});
