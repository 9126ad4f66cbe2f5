import { childListOperation } from '../../helpers/recordFields';

export const getPracticeUsers = childListOperation({
	parent: 'practice',
	parentPath: 'practices',
	child: 'practice_users',
	value: 'getPracticeUsers',
	name: 'Get Practice Users',
	action: 'Get the practice users of a practice',
	description: 'List the practice memberships (user and role) of a practice',
});
