import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { deleteCaseContent, deleteCaseDocuments, listCaseContentForExport } from './cases.content';
import { checkUpload, createDocumentStore, MAX_DOCUMENT_BYTES } from './cases.documents.storage';
import { cleanFileName, createCaseDocuments } from './cases.documents.usecases';
import { createCaseFacts } from './cases.facts.usecases';
import { notesFixture } from './cases.notes.fixtures';
import { caseDocument, caseNote } from './cases.notes.table';
import { createCaseNotes } from './cases.notes.usecases';
import { buildKeyring } from './restricted-crypto';

const keys = buildKeyring([{ id: 'k1', key: Buffer.alloc(32, 1) }], Buffer.alloc(32, 7));
const pdf = Buffer.from('%PDF-1.7\n% Certificat médical MEDICAL-MARKER\n%%EOF\n', 'latin1');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const html = Buffer.from('<!doctype html><script>alert(1)</script>');

let handle: DatabaseHandle;
let dir: string;
beforeAll(async () => {
	handle = await freshDatabase();
	dir = mkdtempSync(path.join(tmpdir(), 'passerelle-documents-'));
});
afterAll(async () => {
	await handle.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('what an upload is, read from its content', () => {
	it('accepts PDF, JPEG, PNG and WebP whose name agrees with their content', () => {
		expect(checkUpload(pdf, 'attestation.pdf', 'application/pdf')).toEqual({ ok: true, kind: 'pdf' });
		expect(checkUpload(jpeg, 'photo.JPG', 'image/jpeg')).toEqual({ ok: true, kind: 'jpeg' });
		expect(checkUpload(png, 'scan.png', '')).toEqual({ ok: true, kind: 'png' });
		expect(checkUpload(webp, 'capture.webp', 'image/webp')).toEqual({ ok: true, kind: 'webp' });
		// A name without extension says nothing: the content decides.
		expect(checkUpload(pdf, 'scan', 'application/octet-stream')).toEqual({ ok: true, kind: 'pdf' });
	});

	it('refuses an upload lying about its type, an unsupported one, an empty one and a too big one', () => {
		expect(checkUpload(html, 'certificat.pdf', 'application/pdf')).toMatchObject({ ok: false, problem: 'mismatch', declared: 'pdf', detected: null });
		expect(checkUpload(png, 'certificat.pdf', 'application/pdf')).toMatchObject({ ok: false, problem: 'mismatch', declared: 'pdf', detected: 'png' });
		expect(checkUpload(pdf, 'lettre.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toMatchObject({ ok: false, problem: 'mismatch', declared: 'other' });
		expect(checkUpload(html, 'page.html', 'text/html')).toMatchObject({ ok: false, problem: 'unsupported' });
		expect(checkUpload(html, 'page', '')).toMatchObject({ ok: false, problem: 'unsupported' });
		expect(checkUpload(Buffer.alloc(0), 'x.pdf', 'application/pdf')).toMatchObject({ ok: false, problem: 'empty' });
		const big = Buffer.concat([pdf, Buffer.alloc(MAX_DOCUMENT_BYTES)]);
		expect(checkUpload(big, 'gros.pdf', 'application/pdf')).toMatchObject({ ok: false, problem: 'tooLarge' });
	});

	it('keeps a clean name with the extension of the real type', () => {
		expect(cleanFileName('C:\\Users\\x\\Certificat "médical".PDF', 'pdf')).toBe('Certificat médical.pdf');
		expect(cleanFileName('', 'png')).toBe('document.png');
		expect(cleanFileName('../../etc/passwd', 'jpeg')).toBe('passwd.jpg');
	});
});

describe('documents of a case file', () => {
	it('stores restricted documents encrypted outside the web root, others plain, and shows each to those who see its section', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const store = createDocumentStore(dir);
		const documents = createCaseDocuments({ db, keys, store });
		const { id: restricted } = await documents.upload(f.fileId, { sensitivity: 'restricted', kind: 'pdf', fileName: 'certificat-medical.pdf', bytes: pdf }, f.actorOf('workerA'));
		const { id: general } = await documents.upload(f.fileId, { sensitivity: 'general', kind: 'png', fileName: 'inscription.png', bytes: png }, f.actorOf('workerA'));
		const rows = await db.select().from(caseDocument).where(eq(caseDocument.caseFileId, f.fileId));
		const restrictedRow = rows.find((r) => r.id === restricted)!;
		expect(restrictedRow).toMatchObject({ fileName: null, keyId: 'k1', mediaType: 'application/pdf', sizeBytes: pdf.length });
		expect(restrictedRow.fileNameSealed).not.toContain('certificat');
		const onDisk = readFileSync(path.join(dir, restrictedRow.storageKey));
		expect(onDisk.includes('MEDICAL-MARKER')).toBe(false);
		expect(readFileSync(path.join(dir, rows.find((r) => r.id === general)!.storageKey)).equals(png)).toBe(true);
		expect((await documents.content(restrictedRow)).bytes.equals(pdf)).toBe(true);

		const names = async (person: string) => (await documents.list(f.fileId, (await f.access(person))!.sections)).map((d) => d.fileName);
		expect(await names('workerA')).toEqual(['inscription.png', 'certificat-medical.pdf']);
		expect(await names('readerA')).toEqual(['inscription.png']);
		await f.grantToB(['identity', 'social']);
		expect(await names('workerB')).toEqual([]);
		await f.grantToB(['identity', 'restricted']);
		expect(await names('workerB')).toEqual(['certificat-medical.pdf']);

		// Deleting one removes its file from the disk.
		await documents.remove(restrictedRow, f.actorOf('workerA'));
		expect(existsSync(path.join(dir, restrictedRow.storageKey))).toBe(false);
		expect(await names('workerA')).toEqual(['inscription.png']);
	});

	it('exports a file’s notes, facts and documents decrypted, and erases them with their files', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const store = createDocumentStore(dir);
		const before = readdirSync(dir).length;
		await createCaseNotes({ db, keys }).add(f.fileId, { sensitivity: 'restricted', body: 'Suivi au centre de santé mentale' }, f.actorOf('workerA'));
		await createCaseNotes({ db, keys }).add(f.fileId, { sensitivity: 'general', body: 'Cours du soir' }, f.actorOf('workerA'));
		await createCaseFacts({ db, keys }).save(f.fileId, 'legal', { code: 'appeal', date: '2027-01-15', text: 'Recours au CCE' }, 0, f.actorOf('workerA'));
		const documents = createCaseDocuments({ db, keys, store });
		await documents.upload(f.fileId, { sensitivity: 'restricted', kind: 'pdf', fileName: 'jugement.pdf', bytes: pdf }, f.actorOf('workerA'));
		await documents.upload(f.fileId, { sensitivity: 'social', kind: 'jpeg', fileName: 'bail.jpg', bytes: jpeg }, f.actorOf('workerA'));

		const exported = await listCaseContentForExport(db, f.fileId, keys);
		expect(exported.notes.map((n) => n.text).sort()).toEqual(['Cours du soir', 'Suivi au centre de santé mentale']);
		expect(exported.facts).toMatchObject([{ section: 'legal', data: { code: 'appeal', date: '2027-01-15', text: 'Recours au CCE' } }]);
		expect(exported.documents.map((d) => d.fileName).sort()).toEqual(['bail.jpg', 'jugement.pdf']);
		expect(readdirSync(dir).length).toBe(before + 2);

		expect(await deleteCaseDocuments(db, f.fileId, store)).toBe(2);
		expect(readdirSync(dir).length).toBe(before);
		expect(await deleteCaseContent(db, f.fileId, store)).toEqual({ notes: 2, facts: 1, documents: 0 });
		expect(await db.select().from(caseNote).where(eq(caseNote.caseFileId, f.fileId))).toEqual([]);
		expect(await listCaseContentForExport(db, f.fileId, keys)).toEqual({ notes: [], facts: [], documents: [] });
	});
});
