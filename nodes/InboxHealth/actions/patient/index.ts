import type { ResourceDefinition } from '../types';

import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { getInvoices } from './getInvoices.operation';
import { getNotifications } from './getNotifications.operation';
import { getPaymentInfos } from './getPaymentInfos.operation';
import { getPayments } from './getPayments.operation';
import { update } from './update.operation';

/** Patients cannot be deleted through the API; "Removed" or Billing Status "Excluded" take them out of billing. */
export const patient: ResourceDefinition = {
	option: {
		name: 'Patient',
		value: 'patient',
		description: 'A person billed by a practice',
	},
	operations: [create, get, getAll, update, getInvoices, getPayments, getNotifications, getPaymentInfos],
};
