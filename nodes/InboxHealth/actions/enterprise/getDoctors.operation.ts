import { childListOperation } from '../../helpers/recordFields';

export const getDoctors = childListOperation({
	parent: 'enterprise',
	parentPath: 'enterprises',
	child: 'doctors',
	value: 'getDoctors',
	name: 'Get Doctors',
	action: 'Get the doctors of an enterprise',
	description: 'List the doctors (providers) of an enterprise',
});
