/** The fields of an enterprise and of the practices created or updated with it. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { compact } from '../../helpers/records';
import { requireId } from '../../helpers/validation';
import { addressFields, byDisplayName, otherFieldsJsonField, TIME_ZONES, timeZoneField } from '../../helpers/recordFields';

/** Every documented enterprise field except the name (Additional Fields / Update Fields). */
export const enterpriseFields: INodeProperties[] = [
	...addressFields,
	{
		displayName: 'Color Statements',
		name: 'color_statements',
		type: 'boolean',
		default: false,
		description: 'Whether paper statements are printed in color',
	},
	{
		displayName: 'Default Quick Pay Description',
		name: 'default_quick_pay_description',
		type: 'string',
		default: '',
		placeholder: 'e.g. Copay',
		description: 'Description given to quick payments when none is entered',
	},
	{
		displayName: 'First Class',
		name: 'first_class',
		type: 'boolean',
		default: false,
		description: 'Whether paper statements are mailed first class',
	},
	{
		displayName: 'Logo Background Color',
		name: 'logo_background_color',
		type: 'color',
		default: '',
		description: 'Background color behind the logo on statements and the patient portal',
	},
	{
		displayName: 'Perforation',
		name: 'perforation',
		type: 'boolean',
		default: false,
		description: 'Whether paper statements have a perforated, tear-off payment slip',
	},
	{
		displayName: 'Return Envelope',
		name: 'return_envelope',
		type: 'boolean',
		default: false,
		description: 'Whether paper statements include a return envelope',
	},
	{
		displayName: 'Sales Tax',
		name: 'sales_tax',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Sales tax rate applied to charges (0 for none)',
	},
	{
		displayName: 'Statement Descriptor',
		name: 'statement_descriptor',
		type: 'string',
		default: '',
		placeholder: 'e.g. MENTAL HEALTH CHARGE',
		description: "Text shown on patients' card statements for their payments",
	},
	{
		displayName: 'Support Phone Number',
		name: 'support_phone_number',
		type: 'string',
		default: '',
		placeholder: 'e.g. (203) 415-3486',
		description: 'Phone number patients call with billing questions',
	},
	timeZoneField,
	otherFieldsJsonField,
];

const SAME_AS_ENTERPRISE = '';

/** One entry of the Practices list; with `withId`, an entry can name an existing practice to change. */
export function practicesProperty(withId: boolean): INodeProperties {
	const values: INodeProperties[] = [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. My First Mental Health Facility',
			description: withId ? 'Name of the practice (required for a new practice)' : 'Name of the practice',
		},
		...byDisplayName([
			...addressFields,
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Time Zone',
				name: 'time_zone',
				type: 'options',
				options: [
					{ name: 'Same as Enterprise', value: SAME_AS_ENTERPRISE },
					...TIME_ZONES.map((zone) => ({ name: zone, value: zone })),
				],
				default: SAME_AS_ENTERPRISE,
				description: "Time zone of the practice; by default the enterprise's time zone when set",
			},
		]),
	];
	if (withId) {
		values.unshift({
			displayName: 'Practice ID',
			name: 'id',
			type: 'string',
			default: '',
			placeholder: 'e.g. 123',
			description: 'ID of an existing practice of this enterprise to change; leave empty to add a new practice',
		});
	}
	return {
		displayName: 'Practices',
		name: 'practices',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Practice',
		default: {},
		description: withId
			? 'Practices to add to the enterprise or to change (sent as practices_attributes)'
			: 'Practices (locations) to create with the enterprise. Leave empty and Inbox Health creates one practice from the enterprise itself.',
		options: [{ displayName: 'Practice', name: 'practice', values }],
	};
}

/** The Practices list as `practices_attributes` entries; undefined when the list is empty. */
export function practicesAttributes(
	this: IExecuteFunctions,
	itemIndex: number,
	enterpriseTimeZone: unknown,
	withId: boolean,
): IDataObject[] | undefined {
	const entries = ((this.getNodeParameter('practices', itemIndex, {}) as IDataObject).practice ??
		[]) as IDataObject[];
	if (entries.length === 0) return undefined;
	return entries.map((entry, index) => {
		const practice = compact(entry);
		if (typeof practice.name === 'string') practice.name = practice.name.trim();
		if (withId && practice.id !== undefined) {
			practice.id = requireId.call(this, practice.id, `Practices › Practice ${index + 1} › Practice ID`, itemIndex);
		} else if (!practice.name) {
			throw new NodeOperationError(
				this.getNode(),
				`"Practices › Practice ${index + 1} › Name" is required for a new practice`,
				{ itemIndex },
			);
		}
		if (!practice.id && practice.time_zone === undefined && enterpriseTimeZone) {
			practice.time_zone = enterpriseTimeZone;
		}
		return practice;
	});
}
