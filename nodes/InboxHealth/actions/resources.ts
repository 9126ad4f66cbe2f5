import type { ResourceDefinition } from './types';

import { enterprise } from './enterprise';

/** Every resource of the node. A new resource is one folder and one line here. */
export const resources: ResourceDefinition[] = [enterprise];

export function findOperation(resource: string, operation: string) {
	return resources
		.find((definition) => definition.option.value === resource)
		?.operations.find((definition) => definition.option.value === operation);
}
