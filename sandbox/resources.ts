/**
 * The resource table: every resource of the Partner API v2 with its routes,
 * fields, child collections and the few behaviours that are not generic.
 */
import { createHash } from 'node:crypto';
import { appliedAmount, isVoided, VOIDED } from './balances';
import type { Association, Dependent, Domain, ResourceDef, WriteContext } from './domain';
import { refersTo, valueAfterWrite } from './domain';
import type { FieldSpec, FieldSpecs } from './fields';
import type { Row } from './store';

// ----- field and association helpers ----------------------------------------

const text = (spec: FieldSpec = {}): FieldSpec => ({ type: 'string', ...spec });
const required = (spec: FieldSpec = {}): FieldSpec => ({ type: 'string', ...spec, required: true });
const integer = (spec: FieldSpec = {}): FieldSpec => ({ type: 'integer', ...spec });
const cents = (spec: FieldSpec = {}): FieldSpec => ({ type: 'cents', ...spec });
const flag = (defaultValue: boolean): FieldSpec => ({ type: 'boolean', default: defaultValue });
const date = (spec: FieldSpec = {}): FieldSpec => ({ type: 'date', ...spec });
const ref = (resource: string, spec: FieldSpec = {}): FieldSpec => ({ type: 'integer', ref: resource, ...spec });
const computed = (defaultValue: unknown): FieldSpec => ({ readOnly: true, default: defaultValue });
/** Fields with no constraint, declared so that new records always have them (as null). */
const nullable = (...names: string[]): FieldSpecs => Object.fromEntries(names.map((name) => [name, {}]));

const ADDRESS = nullable('address_line_1', 'address_line_2', 'city', 'state', 'zip');

/** `resource` rows whose `foreignKey` (an id or an array of ids) points at the parent. */
const hasMany = (resource: string, foreignKey: string): Association => ({
	resource,
	belongsTo: (row, parent) => refersTo(row[foreignKey], parent.id),
});

/** `resource` rows listed in the parent's array field `idsField`. */
const listedIn = (resource: string, idsField: string): Association => ({
	resource,
	belongsTo: (row, parent) => refersTo(parent[idsField], row.id),
});

const dependent = (resource: string, foreignKey: string, onDelete: Dependent['onDelete']): Dependent => ({
	resource,
	foreignKey,
	onDelete,
});

const lookup = (domain: Domain, table: string, id: unknown): Row | undefined =>
	typeof id === 'number' ? domain.store.get(table, id) : undefined;

/** The patient of the invoice or payment `id` of `table` (for balance owners). */
const patientOf = (domain: Domain, table: string, id: unknown): unknown => lookup(domain, table, id)?.patient_id;

/** An `afterWrite` that only acts when the record was created. */
const onCreate =
	(effect: (context: WriteContext, row: Row) => void): NonNullable<ResourceDef['afterWrite']> =>
	(context, row, change) => {
		if (change === 'created') effect(context, row);
	};

const READ_ONLY_LIST = ['list'] as const;
const CRUD = ['list', 'get', 'create', 'update', 'delete'] as const;
const NO_DELETE = ['list', 'get', 'create', 'update'] as const;

export const BILLING_STATUSES = ['complete', 'billable', 'scheduled', 'no_response', 'collections', 'excluded'] as const;

// ----- behaviours ------------------------------------------------------------

/** An enterprise created without `practices_attributes` gets a practice made from it. */
function seedPractice(context: WriteContext, enterprise: Row): void {
	const { domain, def } = context;
	if (domain.children(def, enterprise, 'practices').length > 0) return;
	const { name, address_line_1, address_line_2, city, state, zip, time_zone } = enterprise;
	const practice = { name, address_line_1, address_line_2, city, state, zip, time_zone, enterprise_id: enterprise.id };
	domain.create('practices', practice, context.request);
}

/** Every new invoice notifies its patient (the patient's notifications list shows it). */
function notifyPatient(context: WriteContext, invoice: Row): void {
	const { domain, request } = context;
	const patient = lookup(domain, 'patients', invoice.patient_id);
	domain.add('notifications', {
		patient_id: invoice.patient_id,
		invoice_id: invoice.id,
		kind: 'new_invoice',
		channel: 'email',
		status: 'sent',
		email: typeof request.body.email === 'string' ? request.body.email : (patient?.email ?? null),
		sent_at: domain.store.timestamp(),
	});
}

function validatePayment(context: WriteContext): void {
	const { domain, errors } = context;
	const invoice = lookup(domain, 'invoices', valueAfterWrite(context, 'invoice_id'));
	if (context.attributes.apply_payment === true && !context.existing && !invoice) {
		errors.add('invoice_id', "can't be blank");
	}
	if (invoice && invoice.patient_id !== valueAfterWrite(context, 'patient_id')) {
		errors.add('invoice_id', "must belong to the payment's patient");
	}
}

/** `apply_payment: true` with an invoice applies the whole payment to it through an invoice payment. */
function applyPayment(context: WriteContext, payment: Row): void {
	if (payment.apply_payment !== true) return;
	const invoicePayment = { payment_id: payment.id, invoice_id: payment.invoice_id, paid_amount_cents: payment.expected_amount_cents };
	context.domain.create('invoice_payments', invoicePayment, context.request);
}

function validateInvoicePayment(context: WriteContext): void {
	const { domain, errors, existing } = context;
	const payment = lookup(domain, 'payments', valueAfterWrite(context, 'payment_id'));
	const invoice = lookup(domain, 'invoices', valueAfterWrite(context, 'invoice_id'));
	if (!payment || !invoice) return;
	if (isVoided(payment)) errors.add('payment_id', 'has been voided');
	if (invoice.patient_id !== payment.patient_id) errors.add('invoice_id', "must belong to the payment's patient");
	const available = (payment.expected_amount_cents as number) - appliedAmount(domain.store, payment.id, existing?.id);
	if ((valueAfterWrite(context, 'paid_amount_cents') as number) > available) {
		errors.add('paid_amount_cents', `exceeds the unapplied amount of the payment (${available})`);
	}
}

function validatePaymentAdjustment(context: WriteContext): void {
	const { domain, errors, attributes } = context;
	const payment = lookup(domain, 'payments', attributes.payment_id) as Row;
	const expected = payment.expected_amount_cents as number;
	if (isVoided(payment)) errors.add('payment_id', 'has already been voided');
	if (attributes.voided === true && attributes.amount_cents !== expected) {
		errors.add('amount_cents', `must equal the full payment amount (${expected}) to void the payment`);
	}
	const refundable = expected - (payment.refunded_amount_cents as number);
	if (attributes.voided !== true && (attributes.amount_cents as number) > refundable) {
		errors.add('amount_cents', `exceeds the refundable amount of the payment (${refundable})`);
	}
}

/** `voided: true` voids the payment (its invoice payments stop counting); `voided: false` records a refund only. */
function adjustPayment(context: WriteContext, adjustment: Row): void {
	const { store } = context.domain;
	const payment = store.get('payments', adjustment.payment_id as number) as Row;
	if (adjustment.voided === true) {
		store.patch('payments', payment.id, { status: VOIDED });
	} else {
		const refunded = (payment.refunded_amount_cents as number) + (adjustment.amount_cents as number);
		store.patch('payments', payment.id, { refunded_amount_cents: refunded });
	}
}

function httpUrl(value: unknown): string | undefined {
	const url = String(value);
	const valid = URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);
	return valid ? undefined : 'must be an http or https URL';
}

function base64(value: unknown): string | undefined {
	return /^[A-Za-z0-9+/_-]*={0,2}$/.test(String(value).replace(/\s+/g, '')) ? undefined : 'must be base64-encoded';
}

/** Keeps the bytes of `file_data` aside (served by /download) and describes them in the record. */
function storeAttachmentData(context: WriteContext, attachment: Row): void {
	const data = context.attributes.file_data;
	if (typeof data !== 'string') return;
	const { store } = context.domain;
	const bytes = Buffer.from(data, 'base64');
	const contentType = typeof attachment.mime_type === 'string' ? attachment.mime_type : 'application/octet-stream';
	const fileName = (attachment.file_name ?? attachment.display_name ?? null) as string | null;
	store.blobs.set(attachment.id, { data: bytes, contentType, fileName });
	store.patch('attachments', attachment.id, {
		mime_type: contentType,
		file_name: fileName,
		size: bytes.length,
		checksum: createHash('md5').update(bytes).digest('base64'),
	});
}

/** An import batch of an uploaded SFTP file; `delete_file: true` removes the file from the upload list. */
function startImportBatch(context: WriteContext, batch: Row): void {
	const { store } = context.domain;
	store.patch('import_batches', batch.id, { status: batch.start === true ? 'processing' : 'pending' });
	if (batch.delete_file !== true) return;
	for (const upload of store.where('sftp_uploads', (file) => file.filename === batch.filename)) {
		store.remove('sftp_uploads', upload.id);
	}
}

// ----- the table -------------------------------------------------------------

export const RESOURCES: readonly ResourceDef[] = [
	{
		name: 'enterprises',
		singular: 'enterprise',
		model: 'Enterprise',
		actions: NO_DELETE,
		fields: {
			name: required(),
			...ADDRESS,
			...nullable('support_phone_number', 'time_zone', 'statement_descriptor', 'default_quick_pay_description'),
		},
		children: {
			practices: hasMany('practices', 'enterprise_id'),
			patients: hasMany('patients', 'enterprise_id'),
			doctors: hasMany('doctors', 'enterprise_id'),
		},
		nested: { attribute: 'practices_attributes', association: 'practices', foreignKey: 'enterprise_id' },
		afterWrite: onCreate(seedPractice),
	},
	{
		name: 'practices',
		singular: 'practice',
		model: 'Practice',
		actions: CRUD,
		fields: { enterprise_id: ref('enterprises', { required: true }), name: required(), ...ADDRESS, ...nullable('time_zone', 'phone') },
		children: {
			invoices: hasMany('invoices', 'practice_id'),
			doctors: hasMany('doctors', 'practice_ids'),
			users: hasMany('users', 'practice_ids'),
			practice_users: hasMany('practice_users', 'practice_id'),
		},
		dependents: [
			dependent('invoices', 'practice_id', 'restrict'),
			dependent('doctors', 'practice_ids', 'nullify'),
			dependent('users', 'practice_ids', 'nullify'),
			dependent('patients', 'practice_id', 'nullify'),
			dependent('practice_users', 'practice_id', 'cascade'),
		],
	},
	{
		name: 'doctors',
		singular: 'doctor',
		model: 'Doctor',
		actions: CRUD,
		fields: {
			enterprise_id: ref('enterprises', { required: true }),
			practice_ids: { type: 'integer[]', ref: 'practices', default: [] },
			...nullable('first_name', 'middle_name', 'last_name', 'suffix', 'email', 'phone', 'npi', 'specialty', 'status', 'provider_code'),
		},
		children: {
			practices: listedIn('practices', 'practice_ids'),
			invoices: hasMany('invoices', 'doctor_id'),
			shifts: hasMany('shifts', 'doctor_id'),
		},
		dependents: [dependent('invoices', 'doctor_id', 'nullify'), dependent('shifts', 'doctor_id', 'cascade')],
	},
	{
		name: 'patients',
		singular: 'patient',
		model: 'Patient',
		actions: NO_DELETE,
		fields: {
			enterprise_id: ref('enterprises', { required: true }),
			practice_id: ref('practices'),
			first_name: required(),
			last_name: required(),
			date_of_birth: date(),
			billing_status: text({ oneOf: BILLING_STATUSES, default: 'billable' }),
			...nullable('middle_name', 'sex', 'email', 'phone', 'cell_phone', 'home_phone', 'work_phone', 'secondary_phone'),
			...ADDRESS,
			health_record_id: {},
			balance_cents: computed(0),
			cached_balance_cents: computed(0),
		},
		children: {
			invoices: hasMany('invoices', 'patient_id'),
			payments: hasMany('payments', 'patient_id'),
			notifications: hasMany('notifications', 'patient_id'),
			patient_payment_infos: hasMany('patient_payment_infos', 'patient_id'),
		},
		balanceOwners: (patient) => [patient.id],
	},
	{
		name: 'invoices',
		singular: 'invoice',
		model: 'Invoice',
		actions: CRUD,
		fields: {
			patient_id: ref('patients', { required: true }),
			practice_id: ref('practices', { required: true }),
			doctor_id: ref('doctors'),
			date_of_service: date({ required: true }),
			estimate: flag(false),
			notes: text(),
			total_charge_amount_cents: computed(0),
			covered_amount_cents: computed(0),
			insurance_balance_cents: computed(0),
			paid_amount_cents: computed(0),
			balance_cents: computed(0),
		},
		children: {
			line_items: hasMany('line_items', 'invoice_id'),
			payments: {
				resource: 'payments',
				belongsTo: (payment, invoice, domain) =>
					payment.invoice_id === invoice.id ||
					domain.store.all('invoice_payments').some((ip) => ip.invoice_id === invoice.id && ip.payment_id === payment.id),
			},
			invoice_payments: hasMany('invoice_payments', 'invoice_id'),
			notifications: hasMany('notifications', 'invoice_id'),
		},
		nested: { attribute: 'line_items_attributes', association: 'line_items', foreignKey: 'invoice_id' },
		dependents: [
			dependent('line_items', 'invoice_id', 'cascade'),
			dependent('invoice_payments', 'invoice_id', 'cascade'),
			dependent('notifications', 'invoice_id', 'cascade'),
			dependent('payments', 'invoice_id', 'nullify'),
			dependent('write_offs', 'invoice_id', 'nullify'),
		],
		afterWrite: onCreate(notifyPatient),
		balanceOwners: (invoice) => [invoice.patient_id],
	},
	{
		name: 'line_items',
		singular: 'line_item',
		model: 'LineItem',
		actions: ['get', 'create', 'update'],
		fields: {
			invoice_id: ref('invoices', { required: true }),
			service_code: text(),
			description: text(),
			date_of_service: date(),
			total_charge_amount_cents: cents({ default: 0 }),
			covered_amount_cents: cents({ default: 0 }),
			insurance_owed_amount_cents: cents({ default: 0 }),
			tax_amount_cents: cents({ default: 0 }),
			quantity: integer({ default: 1 }),
		},
		balanceOwners: (item, domain) => [patientOf(domain, 'invoices', item.invoice_id)],
	},
	{
		name: 'payments',
		singular: 'payment',
		model: 'Payment',
		actions: NO_DELETE,
		topLevel: ['invoice_id'],
		fields: {
			patient_id: ref('patients', { required: true }),
			invoice_id: ref('invoices'),
			expected_amount_cents: cents({ required: true }),
			payment_method_type: required(),
			description: text(),
			apply_payment: flag(false),
			status: computed('completed'),
			applied_amount_cents: computed(0),
			unapplied_amount_cents: computed(0),
			refunded_amount_cents: computed(0),
		},
		validate: validatePayment,
		afterWrite: onCreate(applyPayment),
		balanceOwners: (payment) => [payment.patient_id],
	},
	{
		name: 'invoice_payments',
		singular: 'invoice_payment',
		model: 'InvoicePayment',
		actions: ['get', 'create', 'update'],
		fields: {
			payment_id: ref('payments', { required: true }),
			invoice_id: ref('invoices', { required: true }),
			paid_amount_cents: cents({ required: true }),
		},
		children: { payment_reasons_invoice_payments: hasMany('payment_reasons_invoice_payments', 'invoice_payment_id') },
		nested: {
			attribute: 'payment_reasons_invoice_payments_attributes',
			association: 'payment_reasons_invoice_payments',
			foreignKey: 'invoice_payment_id',
		},
		dependents: [dependent('payment_reasons_invoice_payments', 'invoice_payment_id', 'cascade')],
		validate: validateInvoicePayment,
		balanceOwners: (ip, domain) => [patientOf(domain, 'invoices', ip.invoice_id), patientOf(domain, 'payments', ip.payment_id)],
	},
	{
		name: 'payment_reasons_invoice_payments',
		singular: 'payment_reasons_invoice_payment',
		model: 'PaymentReasonsInvoicePayment',
		actions: [],
		events: false,
		fields: {
			invoice_payment_id: ref('invoice_payments', { required: true }),
			payment_reason_id: ref('payment_reasons', { required: true }),
		},
	},
	{
		name: 'payment_adjustments',
		singular: 'payment_adjustment',
		model: 'PaymentAdjustment',
		actions: ['get', 'create'],
		topLevel: ['voided'],
		fields: {
			payment_id: ref('payments', { required: true }),
			amount_cents: cents({ required: true }),
			voided: flag(false),
		},
		validate: validatePaymentAdjustment,
		afterWrite: onCreate(adjustPayment),
		balanceOwners: (adjustment, domain) => [patientOf(domain, 'payments', adjustment.payment_id)],
	},
	{
		name: 'payment_reasons',
		singular: 'payment_reason',
		model: 'PaymentReason',
		actions: NO_DELETE,
		fields: { enterprise_id: ref('enterprises', { required: true }), code: required(), description: text() },
	},
	{
		name: 'write_off_codes',
		singular: 'write_off_code',
		model: 'WriteOffCode',
		actions: ['list', 'get', 'create'],
		fields: { enterprise_id: ref('enterprises', { required: true }), code: required(), description: text() },
	},
	{
		name: 'write_offs',
		singular: 'write_off',
		model: 'WriteOff',
		actions: ['list', 'get', 'create'],
		fields: {
			patient_id: ref('patients', { required: true }),
			write_off_code_id: ref('write_off_codes', { required: true }),
			invoice_id: ref('invoices'),
			amount_cents: cents({ required: true }),
			date: date(),
		},
	},
	{
		name: 'attachments',
		singular: 'attachment',
		model: 'Attachment',
		actions: CRUD,
		fields: {
			enterprise_id: ref('enterprises', { required: true }),
			patient_id: ref('patients'),
			file_data: { type: 'string', writeOnly: true, check: base64 },
			mime_type: text(),
			...nullable('display_name', 'file_name', 'category', 'output_source', 'size', 'checksum', 'version', 'path'),
		},
		afterWrite: storeAttachmentData,
		afterDelete: (domain, attachment) => domain.store.blobs.delete(attachment.id),
	},
	{
		name: 'endpoints',
		singular: 'endpoint',
		model: 'Endpoint',
		actions: CRUD,
		events: false,
		fields: {
			url: required({ check: httpUrl }),
			registered_webhooks: { type: 'string[]', required: true, default: [] },
			enterprise_id: ref('enterprises'),
		},
		afterWrite: (context, endpoint) => context.domain.store.endpointKeys.set(endpoint.id, context.request.apiKey),
		afterDelete: (domain, endpoint) => domain.store.endpointKeys.delete(endpoint.id),
	},
	{
		name: 'notifications',
		singular: 'notification',
		model: 'Notification',
		actions: [],
		fields: nullable('patient_id', 'invoice_id', 'kind', 'channel', 'status', 'email', 'sent_at'),
	},
	{
		name: 'users',
		singular: 'user',
		model: 'User',
		actions: READ_ONLY_LIST,
		fields: { ...nullable('first_name', 'last_name', 'email', 'role', 'enterprise_id'), practice_ids: { default: [] } },
	},
	{ name: 'practice_users', singular: 'practice_user', model: 'PracticeUser', actions: [], fields: nullable('practice_id', 'user_id', 'role') },
	{ name: 'shifts', singular: 'shift', model: 'Shift', actions: [], fields: nullable('doctor_id', 'practice_id', 'starts_at', 'ends_at') },
	{
		name: 'patient_payment_infos',
		singular: 'patient_payment_info',
		model: 'PatientPaymentInfo',
		actions: [],
		fields: nullable('patient_id', 'card_brand', 'last_four', 'expiration_month', 'expiration_year'),
	},
	{ name: 'admin_organizations', singular: 'admin_organization', model: 'AdminOrganization', actions: READ_ONLY_LIST, fields: nullable('name') },
	{ name: 'account_types', singular: 'account_type', model: 'AccountType', actions: READ_ONLY_LIST, fields: nullable('name', 'description') },
	{
		name: 'sftp_uploads',
		singular: 'sftp_upload',
		model: 'SftpUpload',
		actions: READ_ONLY_LIST,
		fields: nullable('filename', 'enterprise_id', 'size', 'uploaded_at'),
	},
	{
		name: 'import_batches',
		singular: 'import_batch',
		model: 'ImportBatch',
		actions: [],
		events: false,
		fields: {
			enterprise_id: ref('enterprises', { required: true }),
			filename: required(),
			start: flag(false),
			delete_file: flag(false),
			status: computed('pending'),
		},
		afterWrite: onCreate(startImportBatch),
	},
];
