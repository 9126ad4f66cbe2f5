import { childListOperation } from '../../helpers/recordFields';

export const getPractices = childListOperation({
	parent: 'enterprise',
	parentPath: 'enterprises',
	child: 'practices',
	value: 'getPractices',
	name: 'Get Practices',
	action: 'Get the practices of an enterprise',
	description: 'List the practices (locations) of an enterprise',
});
