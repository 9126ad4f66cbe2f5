// Three layers: unit (pure functions), integration (node code in-process through n8n-core's
// WorkflowExecute against the sandbox over real HTTP) and e2e (a real n8n server process).
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.dev.json' }],
};

const project = (displayName, roots, extra = {}) => ({
	displayName,
	testEnvironment: 'node',
	transform,
	testMatch: roots.map((root) => `<rootDir>/${root}/**/*.test.ts`),
	// n8n user folders and the n8n runtime hold package.json files jest must not index.
	modulePathIgnorePatterns: ['<rootDir>/.e2e/', '<rootDir>/.n8n-local/', '<rootDir>/runtime/', '<rootDir>/dist/'],
	...extra,
});

module.exports = {
	// Integration tests wait out real rate limits; e2e suites raise this further where they start n8n.
	testTimeout: 120_000,
	projects: [
		project('unit', ['test/unit']),
		project('integration', ['test/integration', 'test/sandbox']),
		project('e2e', ['test/e2e']),
	],
};
