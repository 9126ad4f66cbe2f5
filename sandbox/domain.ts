/**
 * Generic, table-driven behaviour of every resource: validation and writes
 * (with Rails-style nested `*_attributes`), deletes with their dependents,
 * child collections, presentation, and the collection of webhook events and
 * balance recomputations of one API call (a "transaction").
 */
import { recomputeBalances } from './balances';
import { HttpError, recordNotFound, ValidationErrors } from './errors';
import { castAttributes, defaultsOf, isPlainObject, toInteger, type FieldSpecs } from './fields';
import { paginate, parseListParams } from './listing';
import type { Fields, Row, SeedData, StoredEvent, Store } from './store';

/** The documented path prefix used in `links`. */
export const API_PREFIX = '/partner/v2';

export type Action = 'list' | 'get' | 'create' | 'update' | 'delete';
export type Change = 'created' | 'updated';

/** A child collection: which rows of `resource` belong to a parent record. */
export interface Association {
	resource: string;
	belongsTo(row: Row, parent: Row, domain: Domain): boolean;
}

/** Rails `accepts_nested_attributes_for`: `<attribute>` holds records of `children[association]`. */
export interface NestedAttributes {
	attribute: string;
	association: string;
	foreignKey: string;
}

/** What happens to rows pointing at a record when it is deleted. */
export interface Dependent {
	resource: string;
	foreignKey: string;
	onDelete: 'restrict' | 'cascade' | 'nullify';
}

/** Who makes a write, and the whole request body (for top-level keys beside the root). */
export interface WriteRequest {
	apiKey: string;
	body: Fields;
}

export interface WriteContext {
	domain: Domain;
	def: ResourceDef;
	/** Cast attributes of the request (nested attributes removed). */
	attributes: Fields;
	/** The record being updated (undefined on create). */
	existing?: Row;
	request: WriteRequest;
	errors: ValidationErrors;
}

export interface ResourceDef {
	/** Plural name: URL segment, table name and list root key. */
	name: string;
	/** Singular name: record root key, `object`, event prefix. */
	singular: string;
	/** Model name used in "Couldn't find <Model>" messages. */
	model: string;
	actions: readonly Action[];
	fields: FieldSpecs;
	/** Keys also taken from the top level of the request body (e.g. `voided`). */
	topLevel?: readonly string[];
	children?: Record<string, Association>;
	nested?: NestedAttributes;
	dependents?: readonly Dependent[];
	/** Whether writes emit `<singular>_created` / `_updated` webhook events (default true). */
	events?: boolean;
	/** Cross-field checks; only called once every field is individually valid. */
	validate?(context: WriteContext): void;
	/** Side effects of a successful write (may write other records). */
	afterWrite?(context: WriteContext, row: Row, change: Change): void;
	afterDelete?(domain: Domain, row: Row): void;
	/** Ids of the patients whose balances depend on this row. */
	balanceOwners?(row: Row, domain: Domain): unknown[];
}

/** A validated write, ready to be executed. */
export interface WritePlan {
	context: WriteContext;
	nested: WritePlan[];
}

/** Whether a foreign-key value (an id or an array of ids) refers to `id`. */
export function refersTo(value: unknown, id: number): boolean {
	return Array.isArray(value) ? value.includes(id) : value === id;
}

/** The value a field will have after the write: the request's, else the stored one. */
export function valueAfterWrite(context: WriteContext, field: string): unknown {
	return field in context.attributes ? context.attributes[field] : context.existing?.[field];
}

export class Domain {
	private readonly defs: Map<string, ResourceDef>;
	private pendingEvents: Array<{ def: ResourceDef; id: number; change: Change }> = [];
	private readonly touchedPatients = new Set<number>();

	constructor(
		readonly store: Store,
		resources: readonly ResourceDef[],
		/** Signs webhooks of endpoints that were seeded rather than created through the API. */
		readonly defaultApiKey: string,
	) {
		this.defs = new Map(resources.map((def) => [def.name, def]));
	}

	get resources(): ResourceDef[] {
		return [...this.defs.values()];
	}

	lookup(name: string): ResourceDef | undefined {
		return this.defs.get(name);
	}

	def(name: string): ResourceDef {
		const def = this.defs.get(name);
		if (!def) throw new Error(`unknown resource ${name}`);
		return def;
	}

	find(name: string, rawId: unknown): Row {
		const def = this.def(name);
		const id = toInteger(rawId);
		const row = id === undefined ? undefined : this.store.get(name, id);
		if (!row) throw recordNotFound(def.model, rawId);
		return row;
	}

	list(name: string, query: Record<string, unknown>): Row[] {
		return paginate(this.store.all(name), parseListParams(query));
	}

	/** Rows of `parent`'s child collection `association`. */
	children(parent: ResourceDef, row: Row, association: string): Row[] {
		const child = parent.children?.[association];
		if (!child) throw new Error(`${parent.name} has no ${association}`);
		return this.store.where(child.resource, (candidate) => child.belongsTo(candidate, row, this));
	}

	listChildren(parentName: string, parentId: unknown, association: string, query: Record<string, unknown>): Row[] {
		const parent = this.def(parentName);
		return paginate(this.children(parent, this.find(parentName, parentId), association), parseListParams(query));
	}

	// ----- writes ---------------------------------------------------------

	create(name: string, input: Fields, request: WriteRequest): Row {
		return this.execute(this.validated(this.prepare(name, input, request)));
	}

	update(name: string, id: unknown, input: Fields, request: WriteRequest): Row {
		const existing = this.find(name, id);
		return this.execute(this.validated(this.prepare(name, input, request, existing)));
	}

	/**
	 * Validates a write without executing it. Errors (including those of nested
	 * records, under `<association>.<field>`) are in `plan.context.errors`.
	 */
	prepare(name: string, input: Fields, request: WriteRequest, existing?: Row, parentKey?: string): WritePlan {
		const def = this.def(name);
		const errors = new ValidationErrors();
		const fields = { ...input };
		for (const key of def.topLevel ?? []) {
			if (!(key in fields) && key in request.body) fields[key] = request.body[key];
		}
		const nestedInput = def.nested ? fields[def.nested.attribute] : undefined;
		if (def.nested) delete fields[def.nested.attribute];

		const attributes = castAttributes(def.fields, fields, errors, {
			partial: existing !== undefined,
			skipRequired: new Set(parentKey ? [parentKey] : []),
			exists: (resource, id) => this.store.get(resource, id) !== undefined,
		});
		const context: WriteContext = { domain: this, def, attributes, existing, request, errors };
		if (!errors.has()) def.validate?.(context);
		const nested = nestedInput === undefined ? [] : this.prepareNested(context, nestedInput);
		return { context, nested };
	}

	validated(plan: WritePlan): WritePlan {
		plan.context.errors.throwIfAny();
		return plan;
	}

	/** Executes a validated plan: writes the record, its nested records, then the resource's side effects. */
	execute(plan: WritePlan): Row {
		const { def, attributes, existing } = plan.context;
		const stored = Object.fromEntries(Object.entries(attributes).filter(([field]) => !def.fields[field]?.writeOnly));
		let row: Row;
		if (existing) {
			this.touchBalances(def, existing);
			row = Object.keys(stored).length > 0 ? this.store.patch(def.name, existing.id, stored) : existing;
			if (Object.keys(stored).length > 0) this.emit(def, row, 'updated');
			this.touchBalances(def, row);
		} else {
			row = this.add(def.name, stored);
		}
		for (const child of plan.nested) {
			const nested = def.nested as NestedAttributes;
			child.context.attributes[nested.foreignKey] = row.id;
			this.execute(child);
		}
		def.afterWrite?.(plan.context, row, existing ? 'updated' : 'created');
		return row;
	}

	/** Inserts a record without request validation (defaults applied, event emitted, balances touched). */
	add(name: string, fields: Fields): Row {
		const def = this.def(name);
		const row = this.store.insert(name, { ...defaultsOf(def.fields), ...fields });
		this.emit(def, row, 'created');
		this.touchBalances(def, row);
		return row;
	}

	destroy(name: string, id: unknown): void {
		this.destroyRow(this.def(name), this.find(name, id));
	}

	/** Marks the balances of a patient for recomputation at the end of the transaction. */
	touchPatient(patientId: unknown): void {
		if (typeof patientId === 'number') this.touchedPatients.add(patientId);
	}

	/**
	 * Runs `work` as one API call: on success, recomputes the balances it
	 * touched and returns the webhook events it produced (already stored for
	 * redelivery); on failure, forgets them.
	 */
	transaction<T>(work: () => T): { result: T; events: StoredEvent[] } {
		try {
			const result = work();
			recomputeBalances(this.store, this.touchedPatients);
			return { result, events: this.pendingEvents.map((event) => this.storeEvent(event.def, event.id, event.change)) };
		} finally {
			this.pendingEvents = [];
			this.touchedPatients.clear();
		}
	}

	// ----- presentation ---------------------------------------------------

	/** The JSON form of a record: `id`, `object`, its fields, timestamps and `links`. */
	present(name: string, row: Row): Fields {
		const def = this.def(name);
		const { id, created_at, updated_at, ...fields } = row;
		const presented: Fields = { id, object: def.singular, ...fields, created_at, updated_at };
		const associations = Object.keys(def.children ?? {});
		if (associations.length > 0) {
			presented.links = Object.fromEntries(
				associations.map((association) => [association, `${API_PREFIX}/${def.name}/${id}/${association}`]),
			);
		}
		return presented;
	}

	/** A record as answered to a create or update: nested records embedded under their association. */
	presentWithNested(name: string, row: Row): Fields {
		const def = this.def(name);
		const presented = this.present(name, row);
		if (def.nested) {
			const association = def.nested.association;
			const childResource = (def.children?.[association] as Association).resource;
			presented[association] = this.children(def, row, association).map((child) => this.present(childResource, child));
		}
		return presented;
	}

	// ----- seed data ------------------------------------------------------

	/** Replaces every record with `seed` (records are trusted: defaults applied, nothing validated). */
	reset(seed: SeedData = {}): void {
		const unknown = Object.keys(seed).filter((name) => !this.defs.has(name));
		if (unknown.length > 0) throw ValidationErrors.single('seed', `unknown resources: ${unknown.join(', ')}`);
		for (const [name, records] of Object.entries(seed)) {
			if (!Array.isArray(records) || !records.every(isPlainObject)) {
				throw ValidationErrors.single(`seed.${name}`, 'must be an array of records');
			}
		}
		this.store.clear();
		for (const [name, records] of Object.entries(seed)) {
			for (const record of records) this.seedRecord(name, record);
		}
		for (const endpoint of this.store.all('endpoints')) this.store.endpointKeys.set(endpoint.id, this.defaultApiKey);
		recomputeBalances(
			this.store,
			this.store.all('patients').map((patient) => patient.id),
		);
	}

	/** Inserts a trusted record (seed data, bulk creation): defaults applied, no validation, no event. */
	seedRecord(name: string, fields: Fields): Row {
		return this.store.insert(name, { ...defaultsOf(this.def(name).fields), ...fields });
	}

	// ----- internals ------------------------------------------------------

	private prepareNested(parent: WriteContext, input: unknown): WritePlan[] {
		const nested = parent.def.nested as NestedAttributes;
		const items = Array.isArray(input) ? input : isPlainObject(input) ? Object.values(input) : undefined;
		if (!items || !items.every(isPlainObject)) {
			parent.errors.add(nested.attribute, 'must be an array of objects');
			return [];
		}
		const association = parent.def.children?.[nested.association] as Association;
		return items.map((item) => {
			const existing = item.id === undefined ? undefined : this.nestedRecord(parent, association, item.id);
			const plan = this.prepare(association.resource, item, parent.request, existing, nested.foreignKey);
			parent.errors.merge(plan.context.errors, nested.association);
			return plan;
		});
	}

	/** The existing nested record an `id` in `*_attributes` names; it must belong to the parent. */
	private nestedRecord(parent: WriteContext, association: Association, rawId: unknown): Row {
		const id = toInteger(rawId);
		const row = id === undefined ? undefined : this.store.get(association.resource, id);
		if (!row || !parent.existing || !association.belongsTo(row, parent.existing, this)) {
			const model = this.def(association.resource).model;
			throw new HttpError(404, {
				errors: [`Couldn't find ${model} with ID=${String(rawId)} for ${parent.def.model} with ID=${parent.existing?.id ?? ''}`],
			});
		}
		return row;
	}

	private destroyRow(def: ResourceDef, row: Row): void {
		const dependents = (def.dependents ?? []).map((dependent) => ({
			dependent,
			rows: this.store.where(dependent.resource, (candidate) => refersTo(candidate[dependent.foreignKey], row.id)),
		}));
		const restricting = dependents.find(({ dependent, rows }) => dependent.onDelete === 'restrict' && rows.length > 0);
		if (restricting) {
			const what = restricting.dependent.resource.replace(/_/g, ' ');
			throw ValidationErrors.single('base', `Cannot delete record because dependent ${what} exist`);
		}
		this.touchBalances(def, row);
		for (const { dependent, rows } of dependents) {
			for (const child of rows) {
				if (dependent.onDelete === 'cascade') this.destroyRow(this.def(dependent.resource), child);
				if (dependent.onDelete === 'nullify') this.nullify(dependent, child, row.id);
			}
		}
		this.store.remove(def.name, row.id);
		def.afterDelete?.(this, row);
	}

	private nullify(dependent: Dependent, row: Row, id: number): void {
		const value = row[dependent.foreignKey];
		const cleared = Array.isArray(value) ? value.filter((element) => element !== id) : null;
		this.store.patch(dependent.resource, row.id, { [dependent.foreignKey]: cleared });
	}

	private touchBalances(def: ResourceDef, row: Row): void {
		for (const patientId of def.balanceOwners?.(row, this) ?? []) this.touchPatient(patientId);
	}

	private emit(def: ResourceDef, row: Row, change: Change): void {
		if (def.events !== false) this.pendingEvents.push({ def, id: row.id, change });
	}

	private storeEvent(def: ResourceDef, id: number, change: Change): StoredEvent {
		const row = this.store.get(def.name, id);
		const event: StoredEvent = {
			id: this.store.nextEventId(),
			livemode: false,
			created_at: this.store.timestamp(),
			event_type: `${def.singular}_${change}`,
			event_data: { object: row ? structuredClone(this.present(def.name, row)) : { id, object: def.singular } },
		};
		this.store.events.set(event.id, event);
		return event;
	}
}
