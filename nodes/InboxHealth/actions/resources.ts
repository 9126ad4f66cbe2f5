import type { ResourceDefinition } from './types';

import { enterprise } from './enterprise';
import { practice } from './practice';
import { doctor } from './doctor';
import { patient } from './patient';
import { balance } from './balance';
import { invoice } from './invoice';
import { lineItem } from './lineItem';
import { payment } from './payment';
import { invoicePayment } from './invoicePayment';
import { paymentAdjustment } from './paymentAdjustment';
import { paymentReason } from './paymentReason';
import { writeOffCode } from './writeOffCode';
import { writeOff } from './writeOff';
import { attachment } from './attachment';
import { user } from './user';
import { endpoint } from './endpoint';

/** Every resource of the node. A new resource is one folder and one line here. */
export const resources: ResourceDefinition[] = [
	enterprise,
	practice,
	doctor,
	patient,
	balance,
	invoice,
	lineItem,
	payment,
	invoicePayment,
	paymentAdjustment,
	paymentReason,
	writeOffCode,
	writeOff,
	attachment,
	user,
	endpoint,
];

export function findOperation(resource: string, operation: string) {
	return resources
		.find((definition) => definition.option.value === resource)
		?.operations.find((definition) => definition.option.value === operation);
}
