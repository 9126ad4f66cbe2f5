/**
 * Cost of verifying one webhook delivery's X-InboxHealth-Signature, in process: the trigger's
 * own code (nodes/InboxHealth/trigger: parseJson keeps the numbers as written, computeSignature
 * normalises the body and HMACs it, signaturesMatch compares in constant time). The expected
 * signatures come from the sandbox's independent implementation (sandbox/signature.ts), so a
 * verification that does not match is reported rather than timed.
 *
 * Run alone: `npx tsx bench/signature.ts` (prints JSON). bench/run.ts imports it.
 */
import { performance } from 'node:perf_hooks';

import { parseJson, type JsonObject } from '../nodes/InboxHealth/trigger/json';
import { computeSignature, signaturesMatch } from '../nodes/InboxHealth/trigger/signature';
import { sign } from '../sandbox/signature';

const URL = 'https://n8n.example.com/webhook/6f1c2a9e-0b57-4d53-8f8e-3d1f0b2c4a77/inbox-health';
const KEY = 'bench-signing-key-not-a-secret';

export interface SignatureResult {
	label: string;
	bytes: number;
	iterations: number;
	/** µs per event (median batch): parse + signature + compare (what the trigger does per delivery). */
	verifyMicros: number;
	/** µs of the parse alone and of normalise + HMAC + compare alone (median batch). */
	parseMicros: number;
	signMicros: number;
	matched: boolean;
}

/** An invoice event like the API's, with `lineItems` line items (≈ 330 bytes each). */
function invoiceEvent(lineItems: number): Record<string, unknown> {
	return {
		id: 900001,
		livemode: false,
		created_at: '2026-12-03T14:05:09.123Z',
		event_type: 'invoice.updated',
		event_data: {
			object: {
				id: 4711,
				enterprise_id: 12,
				practice_id: 34,
				patient_id: 5678,
				doctor_id: 90,
				date_of_service: '2026-11-28',
				status: 'open',
				balance_cents: 12550,
				total_charges_cents: 18000,
				insurance_paid_cents: 5000,
				patient_paid_cents: 450,
				description: 'Office visit & lab work (follow-up) — Dr. Müller',
				custom_fields: { source: 'EHR', external_reference: 'INV-2026-11-28-004711', tags: ['lab', 'follow up'] },
				line_items: Array.from({ length: lineItems }, (_, index) => ({
					id: 100000 + index,
					invoice_id: 4711,
					description: `Procedure ${index + 1}: comprehensive metabolic panel, venipuncture`,
					service_code: `8${String(index % 10000).padStart(4, '0')}`,
					date_of_service: '2026-11-28',
					quantity: 1 + (index % 3),
					total_charge_amount_cents: 4500 + index,
					insurance_paid_amount_cents: 1200,
					patient_paid_amount_cents: 0,
					adjustments_cents: index % 2 === 0 ? 0 : -150,
					updated_at: '2026-12-03T14:05:08Z',
				})),
				created_at: '2026-11-28T09:12:44Z',
				updated_at: '2026-12-03T14:05:08Z',
			},
		},
	};
}

/** The smallest invoice event whose JSON text is at least `bytes` long. */
export function eventOfSize(bytes: number): string {
	let low = 0;
	let high = 1;
	while (Buffer.byteLength(JSON.stringify(invoiceEvent(high))) < bytes) high *= 2;
	while (low < high) {
		const middle = Math.floor((low + high) / 2);
		if (Buffer.byteLength(JSON.stringify(invoiceEvent(middle))) < bytes) low = middle + 1;
		else high = middle;
	}
	return JSON.stringify(invoiceEvent(low));
}

/**
 * Runs the functions in interleaved batches (so load spikes and JIT state hit them alike) until
 * `minRounds` rounds ran and `minMs` passed (at most `maxRounds`); per function, µs per call of
 * its median batch.
 */
function timeInterleaved(
	fns: Array<() => void>,
	options: { warmup: number; batchSize: number; minRounds: number; maxRounds: number; minMs: number },
): { micros: number[]; iterations: number } {
	for (const fn of fns) for (let i = 0; i < options.warmup; i++) fn();
	const batches: number[][] = fns.map(() => []);
	const start = performance.now();
	let rounds = 0;
	while (rounds < options.maxRounds && (rounds < options.minRounds || performance.now() - start < options.minMs)) {
		fns.forEach((fn, index) => {
			const batchStart = performance.now();
			for (let i = 0; i < options.batchSize; i++) fn();
			batches[index].push(((performance.now() - batchStart) * 1000) / options.batchSize);
		});
		rounds++;
	}
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { micros: batches.map(median), iterations: rounds * options.batchSize };
}

export function benchSignature(label: string, targetBytes: number, budgetMs: number): SignatureResult {
	const text = eventOfSize(targetBytes);
	const raw = Buffer.from(text, 'utf8');
	const header = sign(URL, JSON.parse(text) as object, KEY);

	const verify = (): boolean => {
		const event = parseJson(raw.toString('utf8')) as JsonObject;
		return signaturesMatch(computeSignature(URL, event, KEY), header);
	};
	const matched = verify();
	const parsed = parseJson(text) as JsonObject;
	const large = targetBytes > 100_000;
	let sink = 0;
	const timed = timeInterleaved(
		[
			() => {
				sink += verify() ? 1 : 0;
			},
			() => {
				sink += (parseJson(raw.toString('utf8')) as JsonObject).size;
			},
			() => {
				sink += signaturesMatch(computeSignature(URL, parsed, KEY), header) ? 1 : 0;
			},
		],
		{
			warmup: large ? 2 : 200,
			batchSize: large ? 1 : 50,
			minRounds: large ? 9 : 21,
			maxRounds: large ? 1_000 : 100_000,
			minMs: budgetMs,
		},
	);
	if (sink < 0) console.log(sink); // keeps the work observable
	const [verifyMicros, parseMicros, signMicros] = timed.micros;
	return {
		label,
		bytes: raw.length,
		iterations: timed.iterations,
		verifyMicros,
		parseMicros,
		signMicros,
		matched,
	};
}

export function runSignatureBench(budgetMsPerSize = 3000): SignatureResult[] {
	return [benchSignature('2 KB', 2 * 1024, budgetMsPerSize), benchSignature('1 MB', 1024 * 1024, budgetMsPerSize)];
}

if (require.main === module) {
	console.log(JSON.stringify({ node: process.version, results: runSignatureBench(Number(process.env.BENCH_SIGNATURE_MS ?? 3000)) }, null, 2));
}
