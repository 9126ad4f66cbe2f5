/**
 * The local n8n runtime: Node.js 24 (runtime/node) and n8n 2.41 (runtime/n8n), each in
 * its own folder with its own package.json and lockfile so the package's own
 * package.json stays free of n8n.
 *
 * `ensureRuntime()` installs a folder only when its node_modules is missing or was
 * installed from a different package.json/package-lock.json (a stamp file records the
 * hash), so repeated calls cost a few file reads.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const RUNTIME_ROOT = path.join(REPO_ROOT, 'runtime');

export interface Runtime {
	/** Node.js 24 binary (runtime/node/node_modules/.bin/node). */
	nodeBin: string;
	/** The n8n launcher (runtime/n8n/node_modules/.bin/n8n); it runs the first `node` on PATH. */
	n8nBin: string;
	/** A copy of process.env whose PATH starts with Node.js 24's bin folder. */
	env: NodeJS.ProcessEnv;
}

export interface EnsureRuntimeOptions {
	/** Progress messages; default console.log. */
	log?: (message: string) => void;
	/** Folder holding node/ and n8n/ (default: the repository's runtime/). */
	root?: string;
}

interface Component {
	name: string;
	dir: string;
	/** npm argument lists run in order; the first gets `ci` or `install` prepended. */
	steps: (useCi: boolean) => string[][];
	/** Files (relative to dir) that a complete install has. */
	requiredFiles: string[];
	/** Rough duration for the progress message. */
	expected: string;
}

const NPM_QUIET = ['--no-audit', '--no-fund'];

const components = (root: string): Component[] => [
	{
		name: 'Node.js 24',
		dir: path.join(root, 'node'),
		// The `node` package downloads its platform binary package in its preinstall script.
		steps: (useCi) => [[useCi ? 'ci' : 'install', '--ignore-scripts=false', ...NPM_QUIET]],
		requiredFiles: ['node_modules/.bin/node'],
		expected: '~10 s',
	},
	{
		name: 'n8n',
		dir: path.join(root, 'n8n'),
		// Install scripts stay off (one downloads from the internet); sqlite3 is then
		// compiled from source.
		steps: (useCi) => [
			[useCi ? 'ci' : 'install', '--ignore-scripts', ...NPM_QUIET],
			['rebuild', 'sqlite3', '--ignore-scripts=false'],
		],
		requiredFiles: ['node_modules/.bin/n8n', 'node_modules/sqlite3/build/Release/node_sqlite3.node'],
		expected: '~5-7 min',
	},
];

const STAMP_FILE = '.installed';
const LOCK_DIR = '.installing';
const INSTALL_LOG = 'install.log';

/** Installs what is missing or out of date and returns the binaries and the env to run them. */
export async function ensureRuntime(options: EnsureRuntimeOptions = {}): Promise<Runtime> {
	const log = options.log ?? ((message: string) => console.log(message));
	const root = options.root ?? RUNTIME_ROOT;
	for (const component of components(root)) {
		await ensureComponent(component, log);
	}
	return runtimePaths(root);
}

/** The runtime's paths without installing anything. */
export function runtimePaths(root = RUNTIME_ROOT): Runtime {
	const nodeBinDir = path.join(root, 'node', 'node_modules', '.bin');
	return {
		nodeBin: path.join(nodeBinDir, 'node'),
		n8nBin: path.join(root, 'n8n', 'node_modules', '.bin', 'n8n'),
		env: { ...process.env, PATH: [nodeBinDir, process.env.PATH].filter(Boolean).join(path.delimiter) },
	};
}

/**
 * Hash of what an install is made from: the dependency fields of package.json and the
 * whole package-lock.json (if any). Editing a description does not force a reinstall.
 */
export function manifestHash(dir: string): string {
	const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
	const lockFile = path.join(dir, 'package-lock.json');
	return createHash('sha256')
		.update(JSON.stringify(['dependencies', 'optionalDependencies', 'overrides'].map((field) => pkg[field] ?? null)))
		.update('\0')
		.update(existsSync(lockFile) ? readFileSync(lockFile) : '')
		.digest('hex');
}

function isUpToDate(component: Component): boolean {
	const stamp = path.join(component.dir, STAMP_FILE);
	return (
		existsSync(stamp) &&
		readFileSync(stamp, 'utf8').trim() === manifestHash(component.dir) &&
		component.requiredFiles.every((file) => existsSync(path.join(component.dir, file)))
	);
}

async function ensureComponent(component: Component, log: (message: string) => void): Promise<void> {
	if (isUpToDate(component)) return;
	await withInstallLock(component, log, async () => {
		// Another process may have installed it while we waited for the lock.
		if (isUpToDate(component)) return;
		await install(component, log);
	});
}

async function install(component: Component, log: (message: string) => void): Promise<void> {
	const useCi = existsSync(path.join(component.dir, 'package-lock.json'));
	const logFile = path.join(component.dir, INSTALL_LOG);
	rmSync(path.join(component.dir, STAMP_FILE), { force: true });
	writeFileSync(logFile, '');
	const started = Date.now();
	log(`runtime: installing ${component.name} into ${component.dir} (${component.expected}; log ${logFile})`);
	for (const args of component.steps(useCi)) {
		log(`runtime:   npm ${args.join(' ')}`);
		await runNpm(args, component.dir, logFile, log);
	}
	const missing = component.requiredFiles.filter((file) => !existsSync(path.join(component.dir, file)));
	if (missing.length > 0) {
		throw new Error(`runtime: ${component.name}: install finished but ${missing.join(', ')} is missing; see ${logFile}`);
	}
	// Hash after the install: `npm install` writes the lockfile.
	writeFileSync(path.join(component.dir, STAMP_FILE), `${manifestHash(component.dir)}\n`);
	log(`runtime: ${component.name} ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

function runNpm(args: string[], cwd: string, logFile: string, log: (message: string) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const out = createWriteStream(logFile, { flags: 'a' });
		out.write(`$ npm ${args.join(' ')}\n`);
		const child = spawn('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.pipe(out, { end: false });
		child.stderr.pipe(out, { end: false });
		const started = Date.now();
		const heartbeat = setInterval(() => log(`runtime:   ... npm ${args[0]} still running (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
		child.on('error', (error) => finish(error));
		child.on('close', (code, signal) =>
			finish(code === 0 ? undefined : new Error(`npm ${args.join(' ')} in ${cwd} failed (${signal ?? `exit ${code}`}):\n${tail(logFile)}`)),
		);
		function finish(error?: Error): void {
			clearInterval(heartbeat);
			out.end(() => (error ? reject(error) : resolve()));
		}
	});
}

function tail(file: string, lines = 30): string {
	return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Serialises installs of one folder across processes (npm start and a test run may
 * start together): an exclusive lock folder holding the owner's pid; a lock whose
 * process is gone is taken over.
 */
async function withInstallLock(component: Component, log: (message: string) => void, fn: () => Promise<void>): Promise<void> {
	const lockDir = path.join(component.dir, LOCK_DIR);
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (!lockHolderAlive(lockDir)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) log(`runtime: ${component.name}: another process is installing; waiting`);
			announced = true;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

function lockHolderAlive(lockDir: string): boolean {
	let pid: number;
	try {
		pid = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'));
	} catch {
		// Just created (pid not written yet) unless it has been like that for a while.
		const stat = statSync(lockDir, { throwIfNoEntry: false });
		return stat !== undefined && Date.now() - stat.mtimeMs < 10_000;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

if (require.main === module) {
	ensureRuntime().then(
		(runtime) => console.log(`runtime: node ${runtime.nodeBin}\nruntime: n8n ${runtime.n8nBin}`),
		(error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		},
	);
}
