/**
 * A throw-away Redis server for n8n's queue mode (end-to-end tests): Debian's
 * `redis-server` on 127.0.0.1 and a free port, nothing persisted (`--save ''
 * --appendonly no`), its working folder in a temporary directory.
 *
 * Install it with `apt-get update && apt-get install -y redis-server`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface StartRedisOptions {
	/** TCP port on 127.0.0.1; default a free one. */
	port?: number;
	/** Path of redis-server; default $REDIS_SERVER, then PATH, then /usr/bin and /usr/sbin. */
	binary?: string;
	/** How long to wait for PING to be answered; default 20 s. */
	startTimeoutMs?: number;
}

export interface RedisServer {
	host: string;
	port: number;
	pid: number;
	/** Redis's own output so far. */
	log(): string;
	/** Whether the process is still running. */
	isRunning(): boolean;
	/** SIGTERM, then SIGKILL to the process group after `timeoutMs` (default 5 s); removes the working folder. */
	stop(timeoutMs?: number): Promise<void>;
}

export const REDIS_INSTALL_HINT = 'apt-get update && apt-get install -y redis-server';

/** The redis-server binary, or undefined when none is installed. */
export function findRedisServer(): string | undefined {
	const candidates = [
		process.env.REDIS_SERVER,
		...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'redis-server')),
		'/usr/bin/redis-server',
		'/usr/sbin/redis-server',
		'/usr/local/bin/redis-server',
	].filter((candidate): candidate is string => Boolean(candidate));
	return candidates.find((candidate) => {
		try {
			accessSync(candidate, constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** Sends PING over RESP; resolves whether +PONG came back within `timeoutMs`. */
export function pingRedis(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host, port });
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts redis-server; throws a message naming the install command when it is missing. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
	const binary = options.binary ?? findRedisServer();
	if (!binary) {
		throw new Error(`redis-server was not found (looked at $REDIS_SERVER, PATH, /usr/bin, /usr/sbin). n8n's queue mode needs Redis; install it with: ${REDIS_INSTALL_HINT}`);
	}
	const host = '127.0.0.1';
	const port = options.port ?? (await freePort());
	const dir = mkdtempSync(path.join(os.tmpdir(), 'inbox-health-redis-'));
	const args = ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'];
	const child: ChildProcess = spawn(binary, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	const append = (chunk: Buffer) => (text = (text + chunk.toString('utf8')).slice(-200_000));
	child.stdout!.on('data', append);
	child.stderr!.on('data', append);
	let running = true;
	let spawnError: Error | undefined;
	child.on('error', (error) => (spawnError = error));
	const exited = new Promise<void>((resolve) => child.on('close', () => ((running = false), resolve())));
	const killGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// already gone
		}
	};
	const killOnExit = () => running && killGroup('SIGKILL');
	process.once('exit', killOnExit);

	const stop = async (timeoutMs = 5000) => {
		if (running) {
			killGroup('SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const inTime = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)))]);
			clearTimeout(timer);
			if (!inTime) {
				killGroup('SIGKILL');
				await exited;
			}
		}
		process.off('exit', killOnExit);
		rmSync(dir, { recursive: true, force: true });
	};

	const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
	for (;;) {
		if (spawnError || !running) {
			await stop();
			throw new Error(`redis-server (${binary}) did not start: ${spawnError?.message ?? `exit code ${child.exitCode}`}\n${text.trim()}`);
		}
		if (await pingRedis(host, port)) break;
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`redis-server did not answer PING on ${host}:${port} within ${(options.startTimeoutMs ?? 20_000) / 1000} s\n${text.trim()}`);
		}
		await sleep(100);
	}
	return { host, port, pid: child.pid!, log: () => text, isRunning: () => running, stop };
}
