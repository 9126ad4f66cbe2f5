/**
 * The sandbox's in-memory database: one table of rows per resource, integer ids
 * handed out per table, plus the few things that are not part of any record
 * (attachment bytes, the signing key of each webhook endpoint, emitted events).
 * The store knows nothing about validation or the API; see domain.ts for that.
 */

export interface Row {
	id: number;
	created_at: string;
	updated_at: string;
	[field: string]: unknown;
}

/** Field values of a row, without the columns the store manages. */
export type Fields = Record<string, unknown>;

/** Seed data: resource name (plural, as in the URL) → records, optionally with ids. */
export type SeedData = Record<string, Fields[]>;

export interface AttachmentBlob {
	data: Buffer;
	contentType: string;
	fileName: string | null;
}

export interface StoredEvent {
	id: number;
	livemode: false;
	created_at: string;
	event_type: string;
	event_data: { object: Fields };
}

export class Store {
	private readonly tables = new Map<string, Map<number, Row>>();
	private readonly lastIds = new Map<string, number>();
	/** Uploaded attachment contents by attachment id (never part of the JSON record). */
	readonly blobs = new Map<number, AttachmentBlob>();
	/** API key that created or last updated each webhook endpoint: the signing key. */
	readonly endpointKeys = new Map<number, string>();
	/** Every webhook event emitted, by id, kept for redelivery. */
	readonly events = new Map<number, StoredEvent>();
	/** Event ids keep growing across resets so that a client never sees an id twice. */
	private lastEventId = 0;

	constructor(readonly now: () => Date = () => new Date()) {}

	timestamp(): string {
		return this.now().toISOString();
	}

	get(table: string, id: number): Row | undefined {
		return this.tables.get(table)?.get(id);
	}

	/** All rows of a table in id order. */
	all(table: string): Row[] {
		const rows = [...(this.tables.get(table)?.values() ?? [])];
		return rows.sort((a, b) => a.id - b.id);
	}

	where(table: string, predicate: (row: Row) => boolean): Row[] {
		return this.all(table).filter(predicate);
	}

	count(table: string): number {
		return this.tables.get(table)?.size ?? 0;
	}

	/** Inserts a row; `fields.id` (seed data) is kept if given, else the next id is used. */
	insert(table: string, fields: Fields): Row {
		const rows = this.table(table);
		const id = typeof fields.id === 'number' ? fields.id : (this.lastIds.get(table) ?? 0) + 1;
		if (rows.has(id)) throw new Error(`${table} ${id} already exists`);
		this.lastIds.set(table, Math.max(id, this.lastIds.get(table) ?? 0));
		const now = this.timestamp();
		const row: Row = { created_at: now, updated_at: now, ...fields, id };
		rows.set(id, row);
		return row;
	}

	/** Changes fields of a row in place and bumps `updated_at`. */
	patch(table: string, id: number, fields: Fields): Row {
		const row = this.get(table, id);
		if (!row) throw new Error(`${table} ${id} does not exist`);
		Object.assign(row, fields, { id, created_at: row.created_at, updated_at: this.timestamp() });
		return row;
	}

	remove(table: string, id: number): boolean {
		return this.tables.get(table)?.delete(id) ?? false;
	}

	nextEventId(): number {
		return ++this.lastEventId;
	}

	/** Forgets every record, blob, key and event (event ids keep counting up). */
	clear(): void {
		this.tables.clear();
		this.lastIds.clear();
		this.blobs.clear();
		this.endpointKeys.clear();
		this.events.clear();
	}

	private table(name: string): Map<number, Row> {
		let rows = this.tables.get(name);
		if (!rows) {
			rows = new Map();
			this.tables.set(name, rows);
		}
		return rows;
	}
}
