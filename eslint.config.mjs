// ESLint for the package: n8n's node rules (eslint-plugin-n8n-nodes-base) and the rules n8n's
// community-package verification applies (@n8n/eslint-plugin-community-nodes).
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const legacyRules = (name) => n8nNodesBase.configs[name].rules;

// Rules of eslint-plugin-n8n-nodes-base that contradict the newer verification rules or apply
// only to nodes inside n8n's own repository.
const superseded = {
	// @n8n/community-nodes/node-connection-type-literal asks for NodeConnectionTypes.Main instead.
	'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
	'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
	// "Only applicable to nodes in the main repository": a community credential links a full URL.
	'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
};

export default [
	{
		ignores: ['dist/**', 'node_modules/**', 'runtime/**', '.n8n-local/**', 'coverage/**'],
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: legacyRules('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...legacyRules('credentials'), ...superseded },
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...legacyRules('nodes'), ...superseded },
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		...n8nCommunityNodes.configs.recommended,
	},
];
