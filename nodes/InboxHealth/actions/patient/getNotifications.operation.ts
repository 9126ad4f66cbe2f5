import { childListOperation } from '../../helpers/recordFields';

export const getNotifications = childListOperation({
	parent: 'patient',
	parentPath: 'patients',
	child: 'notifications',
	value: 'getNotifications',
	name: 'Get Notifications',
	action: 'Get the notifications of a patient',
	description: 'List the statements and reminders sent to a patient',
});
