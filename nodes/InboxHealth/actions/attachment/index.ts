import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { deleteAttachment } from './delete.operation';
import { download } from './download.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const attachment: ResourceDefinition = {
	option: {
		name: 'Attachment',
		value: 'attachment',
		description: 'A file attached to a patient or invoice',
	},
	operations: [create, get, getAll, update, deleteAttachment, download],
};
