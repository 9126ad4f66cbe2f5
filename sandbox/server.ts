/**
 * Starts the Inbox Health Partner API v2 sandbox: an in-memory emulator of the
 * API (both base paths), its gateway behaviour (auth, rate limit), signed
 * webhooks, fault injection and an admin API for tests.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { adminPlugin } from './admin';
import { API_PREFIXES, apiPlugin, type ApiServices } from './api';
import { Delays } from './delays';
import { Domain } from './domain';
import { HttpError, routeNotFound } from './errors';
import { FaultInjector } from './faults';
import { RateLimiter } from './rate-limit';
import { RequestRecorder } from './recorder';
import { RESOURCES } from './resources';
import { Store, type SeedData } from './store';
import { WebhookDispatcher } from './webhooks';

export type { SeedData } from './store';

export interface SandboxOptions {
	/** TCP port; 0 (the default) picks a free one. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Accepted API keys; default ['sandbox-api-key']. */
	apiKeys?: string[];
	/** Rate limit per key, tokens per second; default 10; 0 or Infinity disables it. */
	rate?: number;
	/** Bucket size; default 100. */
	burst?: number;
	/** Records loaded at start (and kept by nothing else: reset replaces them). */
	seed?: SeedData;
	/** Retries of a failed webhook delivery; default 2. */
	deliveryRetries?: number;
	/** Backoff before the first retry, doubling after; default 100 ms. */
	deliveryBackoffMs?: number;
	/** Timeout of one delivery attempt; default 5000 ms. */
	deliveryTimeoutMs?: number;
	/** Log nothing (request lines and webhook failures are logged otherwise; never keys or bodies). */
	quiet?: boolean;
}

export interface Sandbox {
	/** http://HOST:PORT */
	url: string;
	/** url + '/partner/v2' */
	baseUrl: string;
	store: Store;
	close(): Promise<void>;
}

export const DEFAULT_API_KEY = 'sandbox-api-key';
const BODY_LIMIT = 25 * 1024 * 1024;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const apiKeys = options.apiKeys ?? [DEFAULT_API_KEY];
	if (apiKeys.length === 0 || apiKeys.some((key) => key === '')) throw new Error('apiKeys must be non-empty strings');
	const log = options.quiet ? () => undefined : (message: string) => console.log(`[sandbox] ${message}`);
	const host = options.host ?? '127.0.0.1';

	const store = new Store();
	const domain = new Domain(store, RESOURCES, apiKeys[0]);
	domain.reset(options.seed);
	const delays = new Delays();
	const services: ApiServices = {
		domain,
		apiKeys: new Set(apiKeys),
		limiter: new RateLimiter({ rate: options.rate ?? 10, burst: options.burst ?? 100 }),
		faults: new FaultInjector(),
		recorder: new RequestRecorder(),
		webhooks: new WebhookDispatcher(store, {
			retries: options.deliveryRetries ?? 2,
			backoffMs: options.deliveryBackoffMs ?? 100,
			timeoutMs: options.deliveryTimeoutMs ?? 5000,
			delays,
			log,
		}),
		delays,
		log,
	};

	const app = Fastify({
		logger: false,
		forceCloseConnections: true,
		bodyLimit: BODY_LIMIT,
		routerOptions: { ignoreTrailingSlash: true },
		// No route declares a JSON schema: skip loading Ajv and fast-json-stringify (most of Fastify's start-up time).
		schemaController: { compilersFactory: { buildValidator: noSchemas, buildSerializer: noSchemas } },
	});
	installJsonParser(app);
	installErrorHandling(app, log);
	for (const prefix of API_PREFIXES) await app.register(async (api) => apiPlugin(api, services), { prefix });
	await app.register(async (admin) => adminPlugin(admin, services), { prefix: '/__admin' });

	await app.listen({ port: options.port ?? 0, host });
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	let closing: Promise<void> | undefined;
	return {
		url,
		baseUrl: `${url}${API_PREFIXES[0]}`,
		store,
		close: () =>
			(closing ??= (async () => {
				delays.releaseAll();
				await app.close();
				await services.webhooks.close();
			})()),
	};
}

function noSchemas(): never {
	throw new Error('sandbox routes declare no JSON schemas');
}

/** JSON bodies, where an empty body is no body (some clients send a content type on DELETE). */
function installJsonParser(app: FastifyInstance): void {
	app.removeContentTypeParser('application/json');
	app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
		const text = String(body);
		if (text.trim() === '') return done(null, undefined);
		try {
			done(null, JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)));
		} catch {
			done(new HttpError(400, { errors: ['Invalid JSON body'] }), undefined);
		}
	});
}

/** Every error is answered as `{"errors": ...}`; unexpected ones as a 500 (logged without request data). */
function installErrorHandling(app: FastifyInstance, log: (message: string) => void): void {
	app.setErrorHandler((error: FastifyError | HttpError, _request, reply) => {
		if (error instanceof HttpError) {
			return reply.code(error.statusCode).headers(error.headers).send(error.body);
		}
		const status = error.statusCode ?? 500;
		if (status >= 500) log(`internal error: ${error.stack ?? error.message}`);
		return reply.code(status).send({ errors: [status >= 500 ? 'Internal Server Error' : error.message] });
	});
	app.setNotFoundHandler((request, reply) => {
		reply.send(routeNotFound(request.method, request.url));
	});
}
