import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as the API wants it (YYYY-MM-DD); n8n date pickers add a time, which is cut. */
export function normalizeDate(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	const datePart = /^\d{4}-\d{2}-\d{2}T/.test(text) ? text.slice(0, 10) : text;
	const match = DATE.exec(datePart);
	if (!match) return undefined;
	const [, year, month, day] = match.map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	const valid =
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return valid ? datePart : undefined;
}

export function requireDate(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	{ optional = false } = {},
): string | undefined {
	if ((value === undefined || value === null || value === '') && optional) return undefined;
	const date = normalizeDate(value);
	if (!date) {
		throw new NodeOperationError(
			this.getNode(),
			`"${field}" must be a date in the form YYYY-MM-DD (got "${String(value ?? '')}")`,
			{ itemIndex },
		);
	}
	return date;
}

/** A whole, non-negative number of cents. */
export function requireCents(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`"${field}" must be a whole number of cents, 0 or more (got "${String(value ?? '')}")`,
			{ itemIndex },
		);
	}
	return number;
}

/**
 * Converts an amount the user typed in currency units (12.34) or cents (1234) to cents,
 * refusing negative amounts and fractions of a cent.
 */
export function amountToCents(
	this: IExecuteFunctions,
	value: unknown,
	unit: 'units' | 'cents',
	field: string,
	itemIndex: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
		throw new NodeOperationError(
			this.getNode(),
			`"${field}" must be a number of 0 or more (got "${String(value ?? '')}")`,
			{ itemIndex },
		);
	}
	const cents = unit === 'cents' ? number : Math.round(number * 100);
	if (unit === 'cents' ? !Number.isInteger(number) : Math.abs(number * 100 - cents) > 1e-6) {
		throw new NodeOperationError(
			this.getNode(),
			`"${field}" has a fraction of a cent (got "${String(value)}")`,
			{ itemIndex },
		);
	}
	return cents;
}

/** A positive integer id, from a number, a numeric string or a resource locator value. */
export function requireId(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number {
	const text = String(value ?? '').trim();
	if (!/^\d+$/.test(text) || Number(text) <= 0) {
		throw new NodeOperationError(
			this.getNode(),
			`"${field}" must be a numeric Inbox Health ID (got "${text}")`,
			{ itemIndex },
		);
	}
	return Number(text);
}
