import { childListOperation } from '../../helpers/recordFields';

export const getDoctors = childListOperation({
	parent: 'practice',
	parentPath: 'practices',
	child: 'doctors',
	value: 'getDoctors',
	name: 'Get Doctors',
	action: 'Get the doctors of a practice',
	description: 'List the doctors working at a practice',
});
