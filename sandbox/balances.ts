/**
 * Balances, as the API documentation defines them:
 *
 * - invoice `balance_cents` = Σ line items (total_charge − covered − insurance_owed)
 *   − Σ paid_amount_cents of its invoice payments whose payment is not voided;
 *   `insurance_balance_cents` = Σ insurance_owed, plus the totals of charges,
 *   covered amounts and applied payments;
 * - payment `applied_amount_cents` = Σ its invoice payments,
 *   `unapplied_amount_cents` = expected − applied (0 once voided);
 * - patient `balance_cents` = `cached_balance_cents` = Σ balances of the
 *   patient's open (non-estimate) invoices − Σ unapplied payment amounts.
 *
 * Write-offs are recorded but, as the documentation does not say how they
 * count, they do not change balances.
 */
import type { Row, Store } from './store';

export const VOIDED = 'voided';

const cents = (value: unknown): number => (typeof value === 'number' ? value : 0);
const sum = (rows: Row[], amount: (row: Row) => number): number => rows.reduce((total, row) => total + amount(row), 0);

export function isVoided(payment: Row | undefined): boolean {
	return payment?.status === VOIDED;
}

/** Σ paid_amount_cents of a payment's invoice payments, optionally leaving one out (the one being updated). */
export function appliedAmount(store: Store, paymentId: number, excludeInvoicePaymentId?: number): number {
	const invoicePayments = store.where(
		'invoice_payments',
		(row) => row.payment_id === paymentId && row.id !== excludeInvoicePaymentId,
	);
	return sum(invoicePayments, (row) => cents(row.paid_amount_cents));
}

/** Recomputes the invoices, payments and balance of each patient; only changed records get a new `updated_at`. */
export function recomputeBalances(store: Store, patientIds: Iterable<number>): void {
	for (const patientId of new Set(patientIds)) {
		const patient = store.get('patients', patientId);
		if (patient) recomputePatient(store, patient);
	}
}

function recomputePatient(store: Store, patient: Row): void {
	const invoices = store.where('invoices', (invoice) => invoice.patient_id === patient.id);
	const payments = store.where('payments', (payment) => payment.patient_id === patient.id);
	const paymentsById = new Map(payments.map((payment) => [payment.id, payment]));
	const invoiceIds = new Set(invoices.map((invoice) => invoice.id));
	const invoicePayments = store.where(
		'invoice_payments',
		(row) => invoiceIds.has(row.invoice_id as number) || paymentsById.has(row.payment_id as number),
	);
	const counted = (row: Row): boolean => !isVoided(paymentsById.get(row.payment_id as number) ?? store.get('payments', row.payment_id as number));

	let balance = 0;
	for (const invoice of invoices) {
		const lineItems = store.where('line_items', (item) => item.invoice_id === invoice.id);
		const paid = sum(
			invoicePayments.filter((row) => row.invoice_id === invoice.id && counted(row)),
			(row) => cents(row.paid_amount_cents),
		);
		const totals = {
			total_charge_amount_cents: sum(lineItems, (item) => cents(item.total_charge_amount_cents)),
			covered_amount_cents: sum(lineItems, (item) => cents(item.covered_amount_cents)),
			insurance_balance_cents: sum(lineItems, (item) => cents(item.insurance_owed_amount_cents)),
			paid_amount_cents: paid,
		};
		const invoiceBalance =
			totals.total_charge_amount_cents - totals.covered_amount_cents - totals.insurance_balance_cents - paid;
		patchIfChanged(store, 'invoices', invoice, { ...totals, balance_cents: invoiceBalance });
		if (invoice.estimate !== true) balance += invoiceBalance;
	}

	for (const payment of payments) {
		const applied = sum(
			invoicePayments.filter((row) => row.payment_id === payment.id),
			(row) => cents(row.paid_amount_cents),
		);
		const unapplied = isVoided(payment) ? 0 : Math.max(0, cents(payment.expected_amount_cents) - applied);
		patchIfChanged(store, 'payments', payment, { applied_amount_cents: applied, unapplied_amount_cents: unapplied });
		balance -= unapplied;
	}

	patchIfChanged(store, 'patients', patient, { balance_cents: balance, cached_balance_cents: balance });
}

function patchIfChanged(store: Store, table: string, row: Row, fields: Record<string, number>): void {
	if (Object.entries(fields).some(([field, value]) => row[field] !== value)) store.patch(table, row.id, fields);
}
