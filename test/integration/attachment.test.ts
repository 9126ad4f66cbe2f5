import { createHash, randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { binaryBuffer, binarySourceNode } from '../support/binary';
import { actionNode, chain, runActionNode, runWorkflow } from '../support/n8n';
import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

const rl = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

const SEED = {
	enterprises: [{ id: 1, name: 'Sandbox Health' }],
	patients: [{ id: 1, enterprise_id: 1, first_name: 'Kirby', last_name: 'Jones' }],
};

async function run(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await runActionNode(
		{ resource: 'attachment', ...parameters },
		{ credentials: sandbox().credentials(), ...options },
	);
}

/** Binary Source → Inbox Health nodes, with the file given as the input of the first node. */
async function runWithFile(file: IDataObject, nodes: Array<{ name: string; parameters: IDataObject }>) {
	return await runWorkflow(
		chain([binarySourceNode(), ...nodes.map(({ name, parameters }) => actionNode(parameters, { name }))]),
		{ credentials: sandbox().credentials(), input: [file] },
	);
}

async function apiAttachment(fields: IDataObject): Promise<IDataObject> {
	const { attachment } = await sandbox().api<{ attachment: IDataObject }>('POST', '/attachments', {
		attachment: { enterprise_id: 1, ...fields },
	});
	await sandbox().clearRequests();
	return attachment;
}

beforeEach(async () => {
	await sandbox().reset(SEED);
	await sandbox().clearRequests();
});

describe('attachment upload and download', () => {
	it('round-trips the bytes of an n8n binary file: upload as base64, download as identical binary data', async () => {
		// every byte value, plus random bytes: nothing may be lost to an encoding
		const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, n) => n)), randomBytes(4096)]);
		const result = await runWithFile(
			{ base64: bytes.toString('base64'), fileName: 'insurance card.pdf', mimeType: 'application/pdf' },
			[
				{
					name: 'Upload',
					parameters: {
						resource: 'attachment',
						operation: 'create',
						enterpriseId: rl(1),
						uploadFile: true,
						binaryPropertyName: 'data',
						additionalFields: { category: 'insurance_card', patient_id: '1' },
					},
				},
				{
					name: 'Download',
					parameters: {
						resource: 'attachment',
						operation: 'download',
						attachmentId: '={{ $json.id }}',
						binaryPropertyName: 'file',
					},
				},
			],
		);
		expect(result.error).toBeUndefined();

		const [upload, download] = await sandbox().requests();
		expect(upload).toMatchObject({ method: 'POST', path: '/partner/v2/attachments', status: 201 });
		expect(upload.body).toEqual({
			attachment: {
				enterprise_id: 1,
				category: 'insurance_card',
				patient_id: 1,
				file_name: 'insurance card.pdf',
				display_name: 'insurance card.pdf',
				mime_type: 'application/pdf',
				size: bytes.length,
				checksum: createHash('md5').update(bytes).digest('base64'),
				file_data: bytes.toString('base64'),
			},
		});
		const created = result.output('Upload')[0].json;
		expect(created).toMatchObject({ object: 'attachment', enterprise_id: 1, size: bytes.length, mime_type: 'application/pdf' });
		expect(created).not.toHaveProperty('file_data');

		expect(download).toMatchObject({ method: 'GET', path: `/partner/v2/attachments/${created.id}/download`, status: 200 });
		const [item] = result.output('Download');
		expect(item.json).toEqual({ id: created.id, file_name: 'insurance card.pdf', mime_type: 'application/pdf', size: bytes.length });
		expect(item.binary?.file).toMatchObject({ fileName: 'insurance card.pdf', mimeType: 'application/pdf' });
		const downloaded = await binaryBuffer(item.binary!.file);
		expect(downloaded.equals(bytes)).toBe(true);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('lets explicit metadata win over the binary file name and type', async () => {
		const result = await runWithFile(
			{ base64: Buffer.from('hello').toString('base64'), fileName: 'x.bin', mimeType: 'application/octet-stream', field: 'scan' },
			[
				{
					name: 'Upload',
					parameters: {
						resource: 'attachment',
						operation: 'create',
						enterpriseId: rl(1),
						binaryPropertyName: 'scan',
						additionalFields: { display_name: 'Card (front)', file_name: 'card.txt', mime_type: 'text/plain' },
					},
				},
			],
		);
		expect(result.error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect((request.body as IDataObject).attachment).toMatchObject({
			display_name: 'Card (front)',
			file_name: 'card.txt',
			mime_type: 'text/plain',
			file_data: Buffer.from('hello').toString('base64'),
		});
	});

	it('says which binary field is missing, before any request', async () => {
		const result = await runWithFile({ base64: 'aGk=', fileName: 'a.txt', mimeType: 'text/plain' }, [
			{
				name: 'Upload',
				parameters: { resource: 'attachment', operation: 'create', enterpriseId: rl(1), binaryPropertyName: 'document' },
			},
		]);
		expect(result.error?.message).toContain("has no binary field 'document'");
		expect(await sandbox().requests()).toEqual([]);
	});

	it('creates a metadata-only attachment as in the Postman body when no file is uploaded', async () => {
		const { items, error } = await run({
			operation: 'create',
			enterpriseId: rl(1),
			uploadFile: false,
			additionalFields: {
				category: 'photos_of_pizza',
				output_source: 'glo_pro',
				mime_type: 'image/jpeg',
				size: 500,
				checksum: '1728301827',
				version: '1',
				display_name: 'meat_lovers_w_pineapple',
				path: 'pizza/whole_pies/cheese/',
			},
		});
		expect(error).toBeUndefined();
		const [request] = await sandbox().requests();
		expect(request.body).toEqual({
			attachment: {
				enterprise_id: 1,
				category: 'photos_of_pizza',
				output_source: 'glo_pro',
				mime_type: 'image/jpeg',
				size: 500,
				checksum: '1728301827',
				version: '1',
				display_name: 'meat_lovers_w_pineapple',
				path: 'pizza/whole_pies/cheese/',
			},
		});
		expect(items[0].json).toMatchObject({ display_name: 'meat_lovers_w_pineapple', category: 'photos_of_pizza' });
	});

	it('says a missing attachment cannot be downloaded (404)', async () => {
		const { error } = await run({ operation: 'download', attachmentId: '59', binaryPropertyName: 'data' });
		expect(error?.message).toMatch(/^Not found \(404\): the attachment 59 does not exist/);
	});
});

describe('attachment get, get many, update, delete', () => {
	it('gets one and lists them with filters', async () => {
		const first = await apiAttachment({ category: 'card', display_name: 'Front', patient_id: 1 });
		await apiAttachment({ category: 'letter', display_name: 'Letter' });
		const one = await run({ operation: 'get', attachmentId: String(first.id) });
		expect(one.items[0].json).toMatchObject({ id: first.id, display_name: 'Front' });
		const many = await run({ operation: 'getAll', returnAll: true, filters: { category: 'card' }, sort: 'display_name' });
		expect(many.items.map((item) => item.json.id)).toEqual([first.id]);
		const requests = await sandbox().requests();
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /partner/v2/attachments/${first.id}`,
			'GET /partner/v2/attachments',
		]);
		expect(requests[1].query).toMatchObject({ 'filter[category]': 'card', sort: 'display_name' });
	});

	it('updates metadata with the top-level id, as in the Postman body', async () => {
		const attachment = await apiAttachment({ category: 'photos', display_name: 'Old' });
		const { items } = await run({
			operation: 'update',
			attachmentId: String(attachment.id),
			updateFields: { category: 'pizza', display_name: 'meat_lovers_w_pineapple', enterprise_id: '1' },
		});
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'PUT', path: `/partner/v2/attachments/${attachment.id}`, status: 200 });
		expect(request.body).toEqual({
			id: attachment.id,
			attachment: { category: 'pizza', display_name: 'meat_lovers_w_pineapple', enterprise_id: 1 },
		});
		expect(items[0].json).toMatchObject({ category: 'pizza', display_name: 'meat_lovers_w_pineapple' });
	});

	it('replaces the file on update from a binary field', async () => {
		const attachment = await apiAttachment({ display_name: 'Doc', file_data: Buffer.from('old').toString('base64') });
		const result = await runWithFile({ base64: Buffer.from('new content').toString('base64'), fileName: 'new.txt', mimeType: 'text/plain' }, [
			{
				name: 'Update',
				parameters: {
					resource: 'attachment',
					operation: 'update',
					attachmentId: String(attachment.id),
					updateFields: { binaryPropertyName: 'data' },
				},
			},
			{
				name: 'Download',
				parameters: { resource: 'attachment', operation: 'download', attachmentId: String(attachment.id) },
			},
		]);
		expect(result.error).toBeUndefined();
		const [update] = await sandbox().requests();
		expect((update.body as IDataObject).attachment).toMatchObject({
			file_name: 'new.txt',
			file_data: Buffer.from('new content').toString('base64'),
		});
		const [item] = result.output('Download');
		expect((await binaryBuffer(item.binary!.data)).toString()).toBe('new content');
	});

	it('refuses an empty update before any request', async () => {
		const { error } = await run({ operation: 'update', attachmentId: '1', updateFields: {} });
		expect(error?.message).toContain('Nothing to update');
		expect(await sandbox().requests()).toEqual([]);
	});

	it('deletes an attachment and outputs {deleted: true}', async () => {
		const attachment = await apiAttachment({ display_name: 'Doc' });
		const { items } = await run({ operation: 'delete', attachmentId: String(attachment.id) });
		expect(items.map((item) => item.json)).toEqual([{ deleted: true }]);
		const [request] = await sandbox().requests();
		expect(request).toMatchObject({ method: 'DELETE', path: `/partner/v2/attachments/${attachment.id}`, status: 204 });
		const { error } = await run({ operation: 'get', attachmentId: String(attachment.id) });
		expect(error?.message).toMatch(/Not found \(404\)/);
	});
});
