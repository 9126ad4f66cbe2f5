/**
 * The admin API under `/__admin`: no authentication, no rate limit, no faults.
 * Lets tests and benchmarks reset data, inspect requests and webhook
 * deliveries, inject faults, tune the rate limit and create bulk data.
 */
import type { FastifyInstance } from 'fastify';
import type { Domain } from './domain';
import { recordNotFound, ValidationErrors } from './errors';
import type { FaultConfig, FaultInjector } from './faults';
import { isPlainObject, toInteger } from './fields';
import { RateLimiter, type RateLimitConfig } from './rate-limit';
import type { RequestRecorder } from './recorder';
import type { SeedData } from './store';
import type { DeliveryAttempt, WebhookDispatcher } from './webhooks';

export interface AdminServices {
	domain: Domain;
	limiter: RateLimiter;
	faults: FaultInjector;
	recorder: RequestRecorder;
	webhooks: WebhookDispatcher;
}

export const MAX_BULK_PATIENTS = 100000;
const DEFAULT_SETTLE_MS = 2000;

export async function adminPlugin(admin: FastifyInstance, services: AdminServices): Promise<void> {
	const { domain, limiter, faults, recorder, webhooks } = services;
	const { store } = domain;
	const bodyOf = (body: unknown): Record<string, unknown> => (isPlainObject(body) ? body : {});

	admin.get('/health', async () => ({ ok: true }));

	/** Clears records, request log, stats, deliveries, buckets and faults; the body may carry seed data. */
	admin.post('/reset', async (request) => {
		domain.reset(bodyOf(request.body) as SeedData);
		recorder.reset();
		webhooks.reset();
		limiter.reset();
		faults.reset();
		return { reset: true, counts: counts() };
	});

	admin.get('/state', async () => ({
		counts: counts(),
		events: store.events.size,
		deliveries: webhooks.deliveries.length,
	}));

	/**
	 * Delivery attempts are read once the deliveries in flight have finished (so that a test
	 * that saw a webhook arrive also sees its attempt), waiting at most `?wait=` ms (default 2000).
	 */
	const settledDeliveries = async (query: unknown): Promise<DeliveryAttempt[]> => {
		const wait = toInteger((query as { wait?: unknown }).wait);
		await webhooks.settle(wait !== undefined && wait >= 0 ? wait : DEFAULT_SETTLE_MS);
		return webhooks.deliveries;
	};

	admin.get('/stats', async (request) => {
		const deliveries = await settledDeliveries(request.query);
		const succeeded = deliveries.filter((attempt) => attempt.error === null).length;
		return {
			...recorder.counters,
			webhook_deliveries: { attempts: deliveries.length, succeeded, failed: deliveries.length - succeeded },
		};
	});

	admin.get('/requests', async () => ({ requests: recorder.requests }));
	admin.delete('/requests', async (_request, reply) => {
		recorder.clearLog();
		return reply.code(204).send();
	});

	admin.get('/faults', async () => faults.config);
	admin.put('/faults', async (request) => faults.configure(bodyOf(request.body) as Partial<FaultConfig>));

	admin.get('/rate-limit', async () => limiter.config);
	/** `{rate, burst}` (either may be left out); `rate: 0` disables the limit. Buckets start full. */
	admin.put('/rate-limit', async (request) => {
		const config = { ...limiter.config, ...bodyOf(request.body) } as RateLimitConfig;
		try {
			limiter.configure(RateLimiter.validate(config));
		} catch (error) {
			throw ValidationErrors.single('base', (error as Error).message);
		}
		return limiter.config;
	});

	admin.get('/deliveries', async (request) => ({ deliveries: await settledDeliveries(request.query) }));
	admin.delete('/deliveries', async (_request, reply) => {
		webhooks.clear();
		return reply.code(204).send();
	});

	admin.get('/events', async () => ({ events: [...store.events.values()] }));
	/** Sends a stored event again, same id and body, to the endpoints now subscribed to its type. */
	admin.post('/events/:id/redeliver', async (request, reply) => {
		const rawId = (request.params as { id: string }).id;
		const event = store.events.get(toInteger(rawId) ?? NaN);
		if (!event) throw recordNotFound('Event', rawId);
		const deliveries = webhooks.dispatch([event]);
		return reply.code(202).send({ event_id: event.id, deliveries });
	});

	/** Creates `count` patients of an enterprise at once, without webhooks (for benchmarks). */
	admin.post('/bulk/patients', async (request, reply) => {
		const body = bodyOf(request.body);
		const errors = new ValidationErrors();
		const enterpriseId = toInteger(body.enterprise_id);
		if (enterpriseId === undefined || !store.get('enterprises', enterpriseId)) errors.add('enterprise_id', 'must exist');
		const count = toInteger(body.count);
		if (count === undefined || count < 1 || count > MAX_BULK_PATIENTS) {
			errors.add('count', `must be an integer from 1 to ${MAX_BULK_PATIENTS}`);
		}
		errors.throwIfAny();
		const ids: number[] = [];
		for (let index = 1; index <= (count as number); index += 1) {
			const patient = domain.seedRecord('patients', {
				enterprise_id: enterpriseId,
				first_name: 'Bulk',
				last_name: `Patient ${String(index).padStart(6, '0')}`,
				date_of_birth: '1970-01-01',
			});
			ids.push(patient.id);
		}
		return reply.code(201).send({ created: ids.length, first_id: ids[0], last_id: ids[ids.length - 1] });
	});

	function counts(): Record<string, number> {
		return Object.fromEntries(domain.resources.map((def) => [def.name, store.count(def.name)]));
	}
}
