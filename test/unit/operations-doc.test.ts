import { readFileSync } from 'node:fs';

import { OPERATIONS_DOC, renderOperationsDoc } from '../../scripts/operations-doc';

it('docs/operations.md lists exactly the operations the node has (run `npm run docs`)', () => {
	expect(readFileSync(OPERATIONS_DOC, 'utf8')).toBe(renderOperationsDoc());
});
