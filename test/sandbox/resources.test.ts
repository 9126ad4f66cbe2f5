import { startSandbox, type Sandbox } from '../../sandbox/server';
import { BASIC_SEED, Client, fakePatient, type Json } from './helpers';

describe('sandbox resources', () => {
	let sandbox: Sandbox;
	let client: Client;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, rate: 0 });
		client = new Client(sandbox);
	});
	afterAll(() => sandbox.close());
	beforeEach(() => client.admin('POST', '/reset', BASIC_SEED));

	const ids = (records: Json[]): number[] => records.map((record) => record.id);

	describe('lists', () => {
		const LAST_NAMES = ['Alpha', 'bravo', 'Charlie', 'delta', 'Echo'];
		let created: Json[];

		beforeEach(async () => {
			created = [];
			for (let index = 0; index < 57; index++) {
				const patient = fakePatient({
					first_name: `Fake${index}`,
					last_name: LAST_NAMES[index % LAST_NAMES.length],
					practice_id: index % 2 === 0 ? 1 : 2,
				});
				created.push(await client.create('/patients', 'patient', patient));
			}
		});

		it('walks pages of 10 without repeats or gaps, ending on a short and then an empty page', async () => {
			const seen: number[] = [];
			const sizes: number[] = [];
			for (let page = 1; ; page++) {
				const { status, body } = await client.get(`/patients?page=${page}&per_page=10`);
				expect(status).toBe(200);
				sizes.push(body.patients.length);
				if (body.patients.length === 0) break;
				seen.push(...ids(body.patients));
			}
			expect(sizes).toEqual([10, 10, 10, 10, 10, 7, 0]);
			expect(seen).toEqual(ids(created));
		});

		it('defaults to 25 per page and caps per_page at 100', async () => {
			expect((await client.get('/patients')).body.patients).toHaveLength(25);
			expect((await client.get('/patients?per_page=500')).body.patients).toHaveLength(57);
			const { body } = await client.get('/patients?per_page=1000&page=1');
			expect(body.patients).toHaveLength(57);
		});

		it('sorts by a field, descending with a leading "-", ties by id', async () => {
			const descending = (await client.get('/patients?sort=-id&per_page=3')).body.patients;
			expect(ids(descending)).toEqual([57, 56, 55].map((n) => created[n - 1].id));

			const byName = (await client.get('/patients?sort=last_name&per_page=100')).body.patients;
			const names = byName.map((patient: Json) => patient.last_name);
			expect(names).toEqual([...names].sort());
			const alphas = byName.filter((patient: Json) => patient.last_name === 'Alpha');
			expect(ids(alphas)).toEqual([...ids(alphas)].sort((a, b) => a - b));
		});

		it('filters strings case-insensitively by substring and numbers exactly', async () => {
			const echo = (await client.get('/patients?filter[last_name]=ECH&per_page=100')).body.patients;
			expect(echo).toHaveLength(11);
			expect(echo.every((patient: Json) => patient.last_name === 'Echo')).toBe(true);

			const practice2 = (await client.get('/patients?filter[practice_id]=2&per_page=100')).body.patients;
			expect(practice2).toHaveLength(28);

			const both = (await client.get('/patients?filter[practice_id]=1&filter[last_name]=alpha&per_page=100')).body.patients;
			expect(both.every((patient: Json) => patient.practice_id === 1 && patient.last_name === 'Alpha')).toBe(true);
			expect(both.length).toBeGreaterThan(0);
		});

		it('paginates child collections the same way and 404s for a missing parent', async () => {
			const page = (await client.get('/enterprises/1/patients?per_page=20&page=3&sort=-id')).body.patients;
			expect(ids(page)).toEqual(ids(created).reverse().slice(40, 57));
			const missing = await client.get('/enterprises/99/patients');
			expect(missing.status).toBe(404);
			expect(missing.body).toEqual({ errors: ["Couldn't find Enterprise with 'id'=99"] });
		});
	});

	describe('errors', () => {
		it('404s an unknown id in the Rails format', async () => {
			const { status, body } = await client.get('/patients/123');
			expect(status).toBe(404);
			expect(body).toEqual({ errors: ["Couldn't find Patient with 'id'=123"] });
			expect((await client.get('/line_items/abc')).status).toBe(404);
		});

		it('404s unknown routes and 405s operations a resource does not have', async () => {
			expect((await client.get('/no_such_resources')).status).toBe(404);
			expect((await client.get('/notifications')).status).toBe(404);
			const patient = await client.create('/patients', 'patient', fakePatient());
			const deletion = await client.delete(`/patients/${patient.id}`);
			expect(deletion.status).toBe(405);
			expect((await client.get(`/patients/${patient.id}`)).status).toBe(200);
		});

		it('answers 422 with field errors for a patient without enterprise or names', async () => {
			const { status, body } = await client.post('/patients', { patient: { date_of_birth: '1980-01-01' } });
			expect(status).toBe(422);
			expect(body).toEqual({
				errors: { enterprise_id: ['must exist'], first_name: ["can't be blank"], last_name: ["can't be blank"] },
			});
		});

		it('answers 422 for an invoice of an unknown patient', async () => {
			const { status, body } = await client.post('/invoices', {
				invoice: { patient_id: 999, practice_id: 1, date_of_service: '2022-03-03' },
			});
			expect(status).toBe(422);
			expect(body).toEqual({ errors: { patient_id: ['must exist'] } });
		});

		it.each([
			['a missing root key', { first_name: 'Testy' }, { patient: ['param is missing or the value is empty'] }],
			['a bad date', { patient: fakePatient({ date_of_birth: '12/25/1984' }) }, { date_of_birth: ['must be a date (YYYY-MM-DD)'] }],
			['an impossible date', { patient: fakePatient({ date_of_birth: '1984-02-30' }) }, { date_of_birth: ['must be a date (YYYY-MM-DD)'] }],
			['an unknown billing status', { patient: fakePatient({ billing_status: 'paid' }) }, { billing_status: ['is not included in the list'] }],
		])('answers 422 for %s', async (_case, body, errors) => {
			const answer = await client.post('/patients', body);
			expect(answer.status).toBe(422);
			expect(answer.body).toEqual({ errors });
		});

		it('requires integer cents for money fields, nested ones included', async () => {
			const patient = await client.create('/patients', 'patient', fakePatient());
			const invoice = (cents: unknown) => ({
				invoice: {
					patient_id: patient.id,
					practice_id: 1,
					date_of_service: '2022-03-03',
					line_items_attributes: [{ total_charge_amount_cents: cents }],
				},
			});
			for (const bad of [10.5, '10.5', 'ten', -1]) {
				const { status, body } = await client.post('/invoices', invoice(bad));
				expect(status).toBe(422);
				expect(Object.keys(body.errors)).toEqual(['line_items.total_charge_amount_cents']);
			}
			expect((await client.post('/invoices', invoice('1000'))).status).toBe(201);
			expect((await client.get(`/patients/${patient.id}/invoices`)).body.invoices).toHaveLength(1);
		});

		it('answers 400 to a body that is not JSON', async () => {
			const answer = await client.request('POST', '/patients', undefined, { 'content-type': 'application/json' });
			expect(answer.status).toBe(422);
			const response = await fetch(`${sandbox.baseUrl}/patients`, {
				method: 'POST',
				headers: { 'x-api-key': 'sandbox-api-key', 'content-type': 'application/json' },
				body: '{"patient":',
			});
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({ errors: ['Invalid JSON body'] });
		});
	});

	describe('enterprises', () => {
		it('creates the practices of practices_attributes and embeds them', async () => {
			const enterprise = await client.create('/enterprises', 'enterprise', {
				name: 'Sandbox Mental Health',
				city: 'Testville',
				practices_attributes: [{ name: 'First Fake Facility' }, { name: 'Second Fake Facility' }],
			});
			expect(enterprise).toMatchObject({ object: 'enterprise', name: 'Sandbox Mental Health' });
			expect(enterprise.practices_attributes).toBeUndefined();
			expect(enterprise.practices.map((practice: Json) => practice.name)).toEqual(['First Fake Facility', 'Second Fake Facility']);
			expect(enterprise.practices.every((practice: Json) => practice.enterprise_id === enterprise.id)).toBe(true);
			expect(enterprise.links.practices).toBe(`/partner/v2/enterprises/${enterprise.id}/practices`);
			expect((await client.get(`/enterprises/${enterprise.id}/practices`)).body.practices).toHaveLength(2);
		});

		it.each([
			['omitted', {}],
			['empty', { practices_attributes: [] }],
		])('makes a seed practice from the enterprise when practices_attributes is %s', async (_case, extra) => {
			const enterprise = await client.create('/enterprises', 'enterprise', { name: 'Solo Fake Clinic', state: 'CT', ...extra });
			expect(enterprise.practices).toEqual([expect.objectContaining({ name: 'Solo Fake Clinic', state: 'CT', enterprise_id: enterprise.id })]);
		});

		it('updates nested practices by id and 404s a practice of another enterprise', async () => {
			const enterprise = await client.create('/enterprises', 'enterprise', { name: 'Renamed Later' });
			const [practice] = enterprise.practices;
			const { status, body } = await client.put(`/enterprises/${enterprise.id}`, {
				id: enterprise.id,
				enterprise: { name: 'Renamed Now', practices_attributes: [{ id: practice.id, name: 'Renamed Practice' }] },
			});
			expect(status).toBe(200);
			expect(body.enterprise.name).toBe('Renamed Now');
			expect(body.enterprise.practices).toEqual([expect.objectContaining({ id: practice.id, name: 'Renamed Practice' })]);

			const foreign = await client.put(`/enterprises/${enterprise.id}`, { enterprise: { practices_attributes: [{ id: 1, name: 'x' }] } });
			expect(foreign.status).toBe(404);
		});
	});

	describe('other resources', () => {
		it('creates a practice only for an existing enterprise and with a name', async () => {
			const { status, body } = await client.post('/practices', { practice: { enterprise_id: 42 } });
			expect(status).toBe(422);
			expect(body.errors).toEqual({ enterprise_id: ['must exist'], name: ["can't be blank"] });
		});

		it('associates doctors and practices through practice_ids', async () => {
			const doctor = await client.create('/doctors', 'doctor', { enterprise_id: 1, first_name: 'Mock', practice_ids: [1, 2] });
			expect(ids((await client.get(`/doctors/${doctor.id}/practices`)).body.practices)).toEqual([1, 2]);
			expect(ids((await client.get('/practices/2/doctors')).body.doctors)).toEqual([doctor.id]);
			expect((await client.post('/doctors', { doctor: { enterprise_id: 1, practice_ids: [7] } })).body).toEqual({
				errors: { practice_ids: ['must exist'] },
			});
			expect((await client.delete(`/doctors/${doctor.id}`)).status).toBe(204);
			expect((await client.get(`/doctors/${doctor.id}`)).status).toBe(404);
		});

		it('deletes an invoice with its line items', async () => {
			const patient = await client.create('/patients', 'patient', fakePatient());
			const invoice = await client.create('/invoices', 'invoice', {
				patient_id: patient.id,
				practice_id: 1,
				date_of_service: '2022-03-03',
				line_items_attributes: [{ total_charge_amount_cents: 500 }],
			});
			const [item] = invoice.line_items;
			expect((await client.delete(`/invoices/${invoice.id}`)).status).toBe(204);
			expect((await client.get(`/line_items/${item.id}`)).status).toBe(404);
			expect((await client.get('/practices/1')).status).toBe(200);
		});

		it('refuses to delete a practice that still has invoices', async () => {
			const patient = await client.create('/patients', 'patient', fakePatient());
			await client.create('/invoices', 'invoice', { patient_id: patient.id, practice_id: 2, date_of_service: '2022-03-03' });
			const { status, body } = await client.delete('/practices/2');
			expect(status).toBe(422);
			expect(body.errors.base).toEqual(['Cannot delete record because dependent invoices exist']);
		});

		it('stores attachment bytes sent as base64 and serves them from /download', async () => {
			const content = Buffer.from('%PDF-1.4 fake statement');
			const attachment = await client.create('/attachments', 'attachment', {
				enterprise_id: 1,
				display_name: 'statement.pdf',
				mime_type: 'application/pdf',
				file_data: content.toString('base64'),
			});
			expect(attachment).toMatchObject({ size: content.length, mime_type: 'application/pdf', file_name: 'statement.pdf' });
			expect(attachment.file_data).toBeUndefined();
			const response = await fetch(`${sandbox.baseUrl}/attachments/${attachment.id}/download`, {
				headers: { 'x-api-key': 'sandbox-api-key' },
			});
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/pdf');
			expect(response.headers.get('content-disposition')).toContain('statement.pdf');
			expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
			expect((await client.post('/attachments', { attachment: { enterprise_id: 1, file_data: '***' } })).status).toBe(422);
		});

		it('validates webhook endpoints', async () => {
			const { status, body } = await client.post('/endpoints', { endpoint: { url: 'ftp://example.com', registered_webhooks: [] } });
			expect(status).toBe(422);
			expect(body.errors).toEqual({ url: ['must be an http or https URL'], registered_webhooks: ["can't be blank"] });
			const bad = await client.post('/endpoints', { endpoint: { url: 'https://example.com/hook', registered_webhooks: ['ok', ''] } });
			expect(bad.body.errors).toEqual({ registered_webhooks: ['must be an array of non-empty strings'] });
		});

		it('starts an SFTP import batch from top-level fields', async () => {
			const { status, body } = await client.post('/sftp_uploads/create_import_batch', {
				filename: 'open-pm_faker.csv',
				enterprise_id: 1,
				start: true,
				delete_file: true,
			});
			expect(status).toBe(201);
			expect(body.import_batch).toMatchObject({ object: 'import_batch', filename: 'open-pm_faker.csv', status: 'processing' });
		});

		it('accepts trailing slashes, as in the Postman collection', async () => {
			expect((await client.get('/enterprises/')).status).toBe(200);
		});
	});
});
