import { childListOperation } from '../../helpers/recordFields';

export const getShifts = childListOperation({
	parent: 'doctor',
	parentPath: 'doctors',
	child: 'shifts',
	value: 'getShifts',
	name: 'Get Shifts',
	action: 'Get the shifts of a doctor',
	description: 'List the shifts a doctor works at practices',
});
