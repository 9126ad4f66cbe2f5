/**
 * The application routes of the Partner API: generic CRUD and child
 * collection routes (`/:resource`, `/:resource/:id`, `/:resource/:id/:association`)
 * answered from the resource table, plus the few actions that are not CRUD
 * (quick pay, attachment download, SFTP import batch).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action, Domain, ResourceDef, WriteRequest } from './domain';
import { httpError, routeNotFound, ValidationErrors } from './errors';
import { isPlainObject } from './fields';
import type { Fields, Row, StoredEvent } from './store';

export interface RouteServices {
	domain: Domain;
	/** The API key the request authenticated with. */
	apiKeyOf(request: FastifyRequest): string;
	/** Hands the webhook events of a request over for delivery once it is answered. */
	publish(request: FastifyRequest, events: StoredEvent[]): void;
}

/** One API call as a route handler sees it. */
class Call {
	constructor(
		readonly request: FastifyRequest,
		private readonly services: RouteServices,
	) {}

	get params(): Record<string, string> {
		return this.request.params as Record<string, string>;
	}

	get id(): string {
		return this.params.id;
	}

	get query(): Record<string, unknown> {
		return this.request.query as Record<string, unknown>;
	}

	get body(): Fields {
		return isPlainObject(this.request.body) ? this.request.body : {};
	}

	get writer(): WriteRequest {
		return { apiKey: this.services.apiKeyOf(this.request), body: this.body };
	}

	/** The record under the request's root key; 422 when it is missing. */
	root(key: string): Fields {
		const record = this.body[key];
		if (!isPlainObject(record)) throw ValidationErrors.single(key, 'param is missing or the value is empty');
		return record;
	}

	/** Runs the writes of this call as one transaction and queues its webhook events. */
	write<T>(work: () => T): T {
		const { result, events } = this.services.domain.transaction(work);
		this.services.publish(this.request, events);
		return result;
	}
}

type Handler = (call: Call, reply: FastifyReply) => unknown;

export function registerRoutes(api: FastifyInstance, services: RouteServices): void {
	const { domain } = services;
	/** A handler answering `status` with the JSON body `handler` returns (none for 204). */
	const respond =
		(status: number, handler: Handler) =>
		async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
			const body = handler(new Call(request, services), reply);
			reply.code(status);
			return status === 204 ? reply.send() : body;
		};
	/** A handler for `action` on the resource named in the path (404 if unknown, 405 if it lacks the action). */
	const crud = (status: number, action: Action, handler: (call: Call, def: ResourceDef) => unknown) =>
		respond(status, (call) => handler(call, resourceFor(call, action)));
	const presentAll = (name: string, rows: Row[]): Fields[] => rows.map((row) => domain.present(name, row));

	const resourceFor = (call: Call, action: Action): ResourceDef => {
		const def = domain.lookup(call.params.resource);
		if (!def || def.actions.length === 0) throw routeNotFound(call.request.method, call.request.url);
		if (!def.actions.includes(action)) throw httpError(405, 'Method Not Allowed');
		return def;
	};

	api.get(
		'/:resource',
		crud(200, 'list', (call, def) => ({ [def.name]: presentAll(def.name, domain.list(def.name, call.query)) })),
	);
	api.get(
		'/:resource/:id',
		crud(200, 'get', (call, def) => ({ [def.singular]: domain.present(def.name, domain.find(def.name, call.id)) })),
	);
	api.post(
		'/:resource',
		crud(201, 'create', (call, def) => {
			const row = call.write(() => domain.create(def.name, call.root(def.singular), call.writer));
			return { [def.singular]: domain.presentWithNested(def.name, row) };
		}),
	);
	api.route({
		method: ['PUT', 'PATCH'],
		url: '/:resource/:id',
		handler: crud(200, 'update', (call, def) => {
			const row = call.write(() => domain.update(def.name, call.id, call.root(def.singular), call.writer));
			return { [def.singular]: domain.presentWithNested(def.name, row) };
		}),
	});
	api.delete(
		'/:resource/:id',
		crud(204, 'delete', (call, def) => call.write(() => domain.destroy(def.name, call.id))),
	);
	/** Child collections, e.g. /patients/:id/invoices. */
	api.get(
		'/:resource/:id/:association',
		respond(200, (call) => {
			const { resource, association } = call.params;
			const def = domain.lookup(resource);
			const child = def?.children?.[association];
			if (!def || !child) throw routeNotFound(call.request.method, call.request.url);
			return { [association]: presentAll(child.resource, domain.listChildren(def.name, call.id, association, call.query)) };
		}),
	);
	registerActions();

	function registerActions(): void {
		/** Creates an invoice (with line items) and a payment, and applies the whole payment to the invoice. */
		api.post(
			'/payments/quick_pay',
			respond(201, (call) => {
				const { invoice, payment, invoicePayment } = call.write(() => quickPay(domain, call));
				return {
					invoice: domain.presentWithNested('invoices', invoice),
					payment: domain.present('payments', payment),
					invoice_payment: domain.present('invoice_payments', invoicePayment),
				};
			}),
		);

		/** The bytes uploaded as `file_data`, with the attachment's content type (empty if none was uploaded). */
		api.get(
			'/attachments/:id/download',
			respond(200, (call, reply) => {
				const attachment = domain.find('attachments', call.id);
				const blob = domain.store.blobs.get(attachment.id);
				const fileName = String(blob?.fileName ?? attachment.display_name ?? `attachment-${attachment.id}`);
				reply.type(blob?.contentType ?? String(attachment.mime_type ?? 'application/octet-stream'));
				reply.header('content-disposition', contentDisposition(fileName));
				return blob?.data ?? Buffer.alloc(0);
			}),
		);

		/** Starts an import of an uploaded file; the body carries its fields at the top level. */
		api.post(
			'/sftp_uploads/create_import_batch',
			respond(201, (call) => {
				const batch = call.write(() => domain.create('import_batches', call.body, call.writer));
				return { import_batch: domain.present('import_batches', batch) };
			}),
		);
	}
}

/** Validates both records before writing either; the payment's patient defaults to the invoice's. */
function quickPay(domain: Domain, call: Call): { invoice: Row; payment: Row; invoicePayment: Row } {
	const invoiceInput = call.root('invoice');
	const paymentInput = { patient_id: invoiceInput.patient_id, ...call.root('payment'), apply_payment: false };
	const invoicePlan = domain.prepare('invoices', invoiceInput, call.writer);
	const paymentPlan = domain.prepare('payments', paymentInput, call.writer);
	const errors = new ValidationErrors();
	errors.merge(invoicePlan.context.errors, 'invoice');
	errors.merge(paymentPlan.context.errors, 'payment');
	if (!errors.has() && paymentPlan.context.attributes.patient_id !== invoicePlan.context.attributes.patient_id) {
		errors.add('payment.patient_id', "must be the invoice's patient");
	}
	errors.throwIfAny();
	const invoice = domain.execute(invoicePlan);
	const payment = domain.execute(paymentPlan);
	const invoicePayment = domain.create(
		'invoice_payments',
		{ payment_id: payment.id, invoice_id: invoice.id, paid_amount_cents: payment.expected_amount_cents },
		call.writer,
	);
	return { invoice, payment, invoicePayment };
}

function contentDisposition(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
