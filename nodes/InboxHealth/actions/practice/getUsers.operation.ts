import { childListOperation } from '../../helpers/recordFields';

export const getUsers = childListOperation({
	parent: 'practice',
	parentPath: 'practices',
	child: 'users',
	value: 'getUsers',
	name: 'Get Users',
	action: 'Get the users of a practice',
	description: 'List the Inbox Health users (staff) of a practice',
});
