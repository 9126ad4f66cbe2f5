/**
 * Writes docs/operations.md from the node's own resource and operation definitions, so the list
 * of operations in the docs is the list the node has. `npm run docs` rewrites it; a unit test
 * fails when it is out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { resources } from '../nodes/InboxHealth/actions/resources';

export const OPERATIONS_DOC = path.join(__dirname, '..', 'docs', 'operations.md');

export function renderOperationsDoc(): string {
	const lines = [
		'# Operations of the Inbox Health node',
		'',
		'Generated from `nodes/InboxHealth/actions/` by `npm run docs`; do not edit by hand.',
		'Money fields are integer cents; dates are `YYYY-MM-DD`.',
		'',
	];
	const withOperations = resources.filter((resource) => resource.operations.length > 0);
	for (const resource of [...withOperations].sort((a, b) => a.option.name.localeCompare(b.option.name))) {
		lines.push(`## ${resource.option.name}`, '');
		if (resource.option.description) lines.push(resource.option.description, '');
		lines.push('| Operation | Action | What it does |', '|---|---|---|');
		const operations = [...resource.operations].sort((a, b) => a.option.name.localeCompare(b.option.name));
		for (const { option } of operations) {
			lines.push(`| ${option.name} | ${option.action} | ${option.description.replace(/\|/g, '\\|')} |`);
		}
		lines.push('');
	}
	return lines.join('\n');
}

if (require.main === module) {
	writeFileSync(OPERATIONS_DOC, renderOperationsDoc());
	console.log(`wrote ${path.relative(process.cwd(), OPERATIONS_DOC)}`);
}
