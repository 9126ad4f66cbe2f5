import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locator } from '../../helpers/locators';
import { compact, getRecord, sendRecord } from '../../helpers/records';
import { amountToCents, requireCents } from '../../helpers/validation';
import { requireEmail } from '../../helpers/recordFields';
import { invoiceHeader } from '../invoice/fields';
import type { OperationDefinition } from '../types';

/**
 * "Assign a balance": one invoice whose first line item makes the patient owe exactly the
 * amount (charge = amount, covered 0, insurance owed 0, quantity 1), then the patient read back.
 *
 * Output: `{ patient_id, invoice_id, amount_cents, patient_balance_cents, invoice }`, where
 * `patient_balance_cents` is the patient's whole balance after the invoice (their
 * `balance_cents`, read back from the API) and `invoice` the invoice as the API answered it.
 */
export const assign: OperationDefinition = {
	option: {
		name: 'Assign',
		value: 'assign',
		action: 'Assign a balance to a patient',
		description:
			"Give a patient an amount to pay: one invoice whose first line item is the amount (nothing covered, no insurance). Outputs patient_id, invoice_id, amount_cents, patient_balance_cents (the patient's whole balance afterwards, read back, in cents) and the invoice.",
	},
	properties: [
		locator('patient', { description: 'The patient who owes the amount' }),
		locator('practice', { description: 'The practice that bills the amount' }),
		locator('doctor', {
			required: false,
			description: 'The doctor who rendered the service (optional)',
		}),
		{
			displayName: 'Date of Service',
			name: 'dateOfService',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 2024-03-15',
			description: 'Date the service was rendered, as YYYY-MM-DD',
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'number',
			required: true,
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'What the patient owes, 0 or more, in the unit chosen under Amount Unit (12.34 in currency units is 1234 in cents)',
		},
		{
			displayName: 'Amount Unit',
			name: 'amountUnit',
			type: 'options',
			options: [
				{
					name: 'Cents',
					value: 'cents',
					description: 'A whole number of cents, e.g. 1234 for $12.34',
				},
				{
					name: 'Currency Units',
					value: 'units',
					description: 'Dollars with up to two decimals, e.g. 12.34',
				},
			],
			default: 'units',
			description: 'How Amount is written; the API always receives cents',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			placeholder: 'e.g. Office visit',
			description: 'What the charge is for, as the patient sees it on the statement',
		},
		{
			displayName: 'Service Code',
			name: 'serviceCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 99213',
			description: 'Procedure code of the service (e.g. a CPT code)',
		},
		{
			displayName: 'Additional Line Items',
			name: 'lineItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Line Item',
			default: {},
			description:
				'More charges on the same invoice. Each adds its total charge minus its covered amount (in cents) to the balance.',
			options: [
				{
					displayName: 'Line Item',
					name: 'lineItem',
					values: [
						{
							displayName: 'Covered (in Cents)',
							name: 'covered_amount_cents',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 0,
							description: 'Part of the charge covered (e.g. by insurance), in cents',
						},
						{
							displayName: 'Description',
							name: 'description',
							type: 'string',
							default: '',
						},
						{
							displayName: 'Quantity',
							name: 'quantity',
							type: 'number',
							typeOptions: { minValue: 1 },
							default: 1,
						},
						{
							displayName: 'Service Code',
							name: 'service_code',
							type: 'string',
							default: '',
						},
						{
							displayName: 'Total Charge (in Cents)',
							name: 'total_charge_amount_cents',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 0,
							description: 'Total charge of the line in cents (e.g. 1234 for $12.34)',
						},
					],
				},
			],
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Estimate',
					name: 'estimate',
					type: 'boolean',
					default: false,
					description:
						'Whether the invoice is only an estimate; an estimate does not count toward the patient balance',
				},
				{
					displayName: 'Notes',
					name: 'notes',
					type: 'string',
					typeOptions: { rows: 3 },
					default: '',
					description: 'Notes on the invoice',
				},
				{
					displayName: 'Notification Email',
					name: 'email',
					type: 'string',
					default: '',
					placeholder: 'name@email.com',
					description: "Email address to notify of the new invoice instead of the patient's own",
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const header = invoiceHeader.call(this, itemIndex);
		const dateOfService = header.date_of_service;
		const unit = this.getNodeParameter('amountUnit', itemIndex, 'units') as 'units' | 'cents';
		if (unit !== 'units' && unit !== 'cents') {
			throw new NodeOperationError(this.getNode(), `"Amount Unit" must be "units" or "cents" (got "${String(unit)}")`, {
				itemIndex,
			});
		}
		const amountCents = amountToCents.call(
			this,
			this.getNodeParameter('amount', itemIndex, ''),
			unit,
			'Amount',
			itemIndex,
		);
		const description = String(this.getNodeParameter('description', itemIndex, '') ?? '').trim();
		const serviceCode = String(this.getNodeParameter('serviceCode', itemIndex, '') ?? '').trim();
		const options = compact(this.getNodeParameter('options', itemIndex, {}) as IDataObject);
		if (options.email !== undefined) requireEmail.call(this, options.email, 'Notification Email', itemIndex);

		const lineItems: IDataObject[] = [
			compact({
				service_code: serviceCode,
				description,
				date_of_service: dateOfService,
				total_charge_amount_cents: amountCents,
				covered_amount_cents: 0,
				insurance_owed_amount_cents: 0,
				quantity: 1,
			}),
			...additionalLineItems.call(this, itemIndex, dateOfService),
		];
		const invoice: IDataObject = { ...header, line_items_attributes: lineItems };
		if (options.notes !== undefined) invoice.notes = options.notes;
		invoice.estimate = options.estimate === true;
		const extra: IDataObject = options.email !== undefined ? { email: String(options.email).trim() } : {};

		const created = await sendRecord.call(this, 'POST', '/invoices', 'invoice', invoice, { extra, itemIndex });
		const patient = await getRecord.call(this, `/patients/${header.patient_id}`, 'patient', itemIndex);
		return {
			patient_id: header.patient_id,
			invoice_id: created.id,
			amount_cents: amountCents,
			patient_balance_cents: patient.balance_cents ?? patient.cached_balance_cents ?? null,
			invoice: created,
		};
	},
};

/** The "Additional Line Items" entries, validated (whole cents, covered not above the charge). */
function additionalLineItems(this: IExecuteFunctions, itemIndex: number, dateOfService: string): IDataObject[] {
	const entries = ((this.getNodeParameter('lineItems', itemIndex, {}) as IDataObject).lineItem ?? []) as IDataObject[];
	return entries.map((entry, index) => {
		const label = `Additional Line Items › Line Item ${index + 1}`;
		const total = requireCents.call(this, entry.total_charge_amount_cents ?? 0, `${label} › Total Charge (in Cents)`, itemIndex);
		const covered = requireCents.call(this, entry.covered_amount_cents ?? 0, `${label} › Covered (in Cents)`, itemIndex);
		if (covered > total) {
			throw new NodeOperationError(
				this.getNode(),
				`"${label} › Covered (in Cents)" (${covered}) must not exceed its total charge (${total})`,
				{ itemIndex },
			);
		}
		const quantity = Number(entry.quantity ?? 1);
		if (!Number.isInteger(quantity) || quantity < 1) {
			throw new NodeOperationError(
				this.getNode(),
				`"${label} › Quantity" must be a whole number of 1 or more (got "${String(entry.quantity)}")`,
				{ itemIndex },
			);
		}
		return compact({
			service_code: String(entry.service_code ?? '').trim(),
			description: String(entry.description ?? '').trim(),
			date_of_service: dateOfService,
			total_charge_amount_cents: total,
			covered_amount_cents: covered,
			insurance_owed_amount_cents: 0,
			quantity,
		});
	});
}
