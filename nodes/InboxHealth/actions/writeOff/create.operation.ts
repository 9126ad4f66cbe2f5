import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../helpers/locators';
import { sendRecord } from '../../helpers/records';
import { requireCents, requireDate, requireId } from '../../helpers/validation';
import { idField, idParameter } from '../../helpers/fields';
import type { OperationDefinition } from '../types';

export const create: OperationDefinition = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a write-off',
		description: "Write off part of a patient's balance with a write-off code",
	},
	properties: [
		locator('patient', { description: 'The patient whose balance is written off' }),
		idField('writeOffCodeId', 'Write-Off Code ID', 'ID of the write-off code that explains the write-off'),
		{
			displayName: 'Amount (Cents)',
			name: 'amountCents',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description: 'Amount written off, in cents',
		},
		{
			displayName: 'Date',
			name: 'date',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'Date of the write-off (YYYY-MM-DD)',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Invoice ID',
					name: 'invoice_id',
					type: 'string',
					default: '',
					placeholder: 'e.g. 123',
					description: 'ID of the invoice the write-off is for',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, itemIndex: number) {
		const patientId = locatorId.call(this, 'patientId', itemIndex, 'Patient');
		const codeId = idParameter.call(this, 'writeOffCodeId', itemIndex, 'Write-Off Code ID');
		const amount = requireCents.call(
			this,
			this.getNodeParameter('amountCents', itemIndex, 0),
			'Amount (Cents)',
			itemIndex,
		);
		const date = requireDate.call(this, this.getNodeParameter('date', itemIndex, ''), 'Date', itemIndex);
		const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const record: IDataObject = {
			patient_id: patientId,
			date,
			write_off_code_id: codeId,
			amount_cents: amount,
		};
		if (String(additional.invoice_id ?? '').trim() !== '') {
			record.invoice_id = requireId.call(this, additional.invoice_id, 'Invoice ID', itemIndex);
		}
		return await sendRecord.call(this, 'POST', '/write_offs', 'write_off', record, { itemIndex });
	},
};
