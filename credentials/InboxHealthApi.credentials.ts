import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export const DEMO_BASE_URL = 'https://api.demo.inboxhealth.com/partner/v2';
export const PRODUCTION_BASE_URL = 'https://api.inboxhealth.com/partner/v2';

/**
 * The Inbox Health Partner API key grants full access to every enterprise a partner manages.
 * It is sent either as the HTTP Basic username with an empty password (the partner onboarding
 * documentation) or in the `x-api-key` header (the current API gateway).
 */
export class InboxHealthApi implements ICredentialType {
	name = 'inboxHealthApi';

	displayName = 'Inbox Health API';

	icon: Icon = {
		light: 'file:../nodes/InboxHealth/inboxHealth.svg',
		dark: 'file:../nodes/InboxHealth/inboxHealth.dark.svg',
	};

	documentationUrl = 'https://github.com/inbox-health/n8n-nodes-inbox-health#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your Inbox Health partner API key. It grants access to every enterprise you manage: keep it secret.',
		},
		{
			displayName: 'Authentication Method',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'HTTP Basic (API Key as Username)',
					value: 'basicAuth',
					description:
						'Authorization: Basic with the API key as username and an empty password, as in the partner onboarding documentation',
				},
				{
					name: 'X-Api-Key Header',
					value: 'apiKeyHeader',
					description: 'The API key in the x-api-key header, as the current API gateway expects',
				},
			],
			default: 'basicAuth',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Demo', value: DEMO_BASE_URL, description: DEMO_BASE_URL },
				{ name: 'Production', value: PRODUCTION_BASE_URL, description: PRODUCTION_BASE_URL },
				{ name: 'Custom URL', value: 'custom', description: 'Your own host or a local sandbox' },
			],
			default: DEMO_BASE_URL,
		},
		{
			displayName: 'Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://demo.inboxhealth.com/api/partner/v2',
			description: 'The API base URL up to and including /partner/v2',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Rate Limit (Requests per Second)',
			name: 'rateLimitPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 2 },
			default: 10,
			description:
				'Sustained request rate this credential may use. The Inbox Health gateway allows 10 per second; requests beyond it are queued by the node instead of being refused with 429.',
		},
		{
			displayName: 'Rate Limit Burst',
			name: 'rateLimitBurst',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'How many requests may be sent at once before the sustained rate applies',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = String(credentials.apiKey ?? '');
		const headers = { ...(requestOptions.headers ?? {}) };
		if (credentials.authMethod === 'apiKeyHeader') {
			headers['x-api-key'] = apiKey;
		} else {
			headers.Authorization = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
		}
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment === "custom" ? String($credentials.customBaseUrl).replace(/\\/+$/, "") : $credentials.environment }}',
			url: '/enterprises',
			qs: { per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Authentication failed: check the API key and the authentication method',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Authentication failed: check the API key and the authentication method',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Inbox Health Partner API at this base URL: check the environment or the custom URL (it ends in /partner/v2)',
				},
			},
		],
	};
}
