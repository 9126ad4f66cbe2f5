/**
 * The Partner API as the gateway serves it, mounted once per path prefix:
 * request recording, authentication, the per-key rate limit and fault
 * injection wrap the application routes (routes.ts); webhook events of a
 * request are handed to the dispatcher once its answer has been sent.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Delays } from './delays';
import type { Domain } from './domain';
import { routeNotFound } from './errors';
import type { Fault, FaultInjector } from './faults';
import type { RateLimiter } from './rate-limit';
import type { AuthScheme, RecordedRequest, RequestRecorder } from './recorder';
import { registerRoutes } from './routes';
import type { StoredEvent } from './store';
import type { WebhookDispatcher } from './webhooks';

/** Both documented base paths serve the same API. */
export const API_PREFIXES = ['/partner/v2', '/api/partner/v2'] as const;

export interface ApiServices {
	domain: Domain;
	apiKeys: ReadonlySet<string>;
	limiter: RateLimiter;
	faults: FaultInjector;
	recorder: RequestRecorder;
	webhooks: WebhookDispatcher;
	delays: Delays;
	log(message: string): void;
}

interface RequestState {
	entry: RecordedRequest;
	apiKey: string | null;
	fault: Fault | null;
	events: StoredEvent[];
	done: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Which credential a request carries: a non-empty `x-api-key` wins over Basic (key as username, password ignored). */
export function credentialOf(request: FastifyRequest): { scheme: AuthScheme | null; key: string | null } {
	const header = request.headers['x-api-key'];
	if (typeof header === 'string' && header !== '') return { scheme: 'x-api-key', key: header };
	const match = /^Basic\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
	if (!match) return { scheme: null, key: null };
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	return { scheme: 'basic', key: separator === -1 ? decoded : decoded.slice(0, separator) };
}

export async function apiPlugin(api: FastifyInstance, services: ApiServices): Promise<void> {
	const { limiter, faults, recorder, webhooks, delays } = services;
	const states = new WeakMap<FastifyRequest, RequestState>();
	const stateOf = (request: FastifyRequest): RequestState => states.get(request) as RequestState;

	/** Ends a request once: records its outcome, then delivers the webhooks it caused. */
	const finish = (request: FastifyRequest, status: number | null): void => {
		const state = stateOf(request);
		if (state.done) return;
		state.done = true;
		recorder.finish(state.entry, status);
		services.log(`${request.method} ${state.entry.path} ${status ?? 'dropped'} ${state.entry.duration_ms}ms`);
		webhooks.dispatch(state.events);
	};

	const reject = (reply: FastifyReply, status: number, message: string, retryAfter?: number): FastifyReply => {
		if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
		return reply.code(status).type(JSON_TYPE).send({ errors: [message] });
	};

	api.addHook('onRequest', async (request, reply) => {
		const entry = recorder.start(request.method, request.url.split('?')[0], { ...(request.query as object) });
		const { scheme, key } = credentialOf(request);
		const state: RequestState = { entry, apiKey: null, fault: null, events: [], done: false };
		states.set(request, state);
		entry.auth = scheme;
		if (key === null || !services.apiKeys.has(key)) {
			reply.header('www-authenticate', 'Basic realm="Inbox Health Partner API"');
			return reject(reply, 401, 'Unauthorized');
		}
		state.apiKey = key;
		const decision = limiter.take(key);
		if (!decision.allowed) {
			entry.rate_limited = true;
			return reject(reply, 429, 'Rate limit exceeded', decision.retryAfterSeconds);
		}
		state.fault = entry.fault = faults.decide();
		if (state.fault === 'rate429') return reject(reply, 429, 'Rate limit exceeded', 1);
		if (state.fault === 'rate503') return reject(reply, 503, 'Service Unavailable', 1);
		return undefined;
	});

	api.addHook('preHandler', async (request) => {
		stateOf(request).entry.body = request.body ?? null;
	});

	/** Faults that act after processing, and the configured latency. */
	api.addHook('onSend', async (request, reply, payload) => {
		const { fault } = stateOf(request);
		const { delayMs, timeoutMs } = faults.config;
		let answer = payload;
		if (fault === 'rate500' || fault === 'rateTimeout') {
			if (fault === 'rateTimeout') await delays.wait(timeoutMs);
			const [status, message] = fault === 'rate500' ? [500, 'Internal Server Error'] : [504, 'Gateway Timeout'];
			reply.code(status).type(JSON_TYPE);
			reply.removeHeader('content-disposition');
			answer = JSON.stringify({ errors: [message] });
		}
		await delays.wait(delayMs);
		if (fault === 'rateDrop') {
			finish(request, null);
			request.raw.socket.destroy();
		}
		return answer;
	});

	api.addHook('onResponse', async (request, reply) => finish(request, reply.statusCode));

	api.setNotFoundHandler((request, reply) => {
		reply.send(routeNotFound(request.method, request.url));
	});

	registerRoutes(api, {
		domain: services.domain,
		apiKeyOf: (request) => stateOf(request).apiKey as string,
		publish: (request, events) => stateOf(request).events.push(...events),
	});
}
