import { invoiceChildList } from './children';

export const getNotifications = invoiceChildList({
	name: 'Get Notifications',
	value: 'getNotifications',
	action: 'Get notifications of an invoice',
	description: 'List the notifications (emails, texts, statements) sent to the patient about an invoice',
	association: 'notifications',
	noun: 'notifications',
	sortFields: [
		{ name: 'Created At', value: 'created_at' },
		{ name: 'Sent At', value: 'sent_at' },
	],
});
