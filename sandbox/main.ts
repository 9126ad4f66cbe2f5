/**
 * CLI: `tsx sandbox/main.ts` (or `npm run sandbox`).
 *
 * PORT (default 4010), SANDBOX_HOST (default 127.0.0.1), SANDBOX_API_KEY
 * (default sandbox-api-key; comma-separated for several), SANDBOX_RATE,
 * SANDBOX_BURST, SANDBOX_SEED (path of a JSON seed file), SANDBOX_QUIET=1.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_API_KEY, startSandbox, type SandboxOptions, type SeedData } from './server';

function numberFrom(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (Number.isNaN(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
	return value;
}

/** The seed file; a parse error names the file but never echoes its content. */
function readSeed(path: string): SeedData {
	const text = readFileSync(path, 'utf8');
	try {
		return JSON.parse(text) as SeedData;
	} catch {
		throw new Error(`SANDBOX_SEED ${path} is not valid JSON`);
	}
}

function optionsFromEnvironment(): SandboxOptions {
	const env = process.env;
	const seedPath = env.SANDBOX_SEED;
	return {
		port: numberFrom('PORT', 4010),
		host: env.SANDBOX_HOST || '127.0.0.1',
		apiKeys: (env.SANDBOX_API_KEY || DEFAULT_API_KEY)
			.split(',')
			.map((key) => key.trim())
			.filter((key) => key !== ''),
		rate: numberFrom('SANDBOX_RATE', 10),
		burst: numberFrom('SANDBOX_BURST', 100),
		seed: seedPath ? readSeed(seedPath) : undefined,
		quiet: env.SANDBOX_QUIET === '1' || env.SANDBOX_QUIET === 'true',
	};
}

async function main(): Promise<void> {
	const sandbox = await startSandbox(optionsFromEnvironment());
	console.log(`Inbox Health sandbox listening on ${sandbox.baseUrl}`);
	const shutdown = (): void => {
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
	console.error(`Inbox Health sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
