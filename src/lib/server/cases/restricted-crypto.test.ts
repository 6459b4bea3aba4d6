import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createDocumentStore } from './cases.documents.storage';
import { createCaseDocuments } from './cases.documents.usecases';
import { createCaseFacts } from './cases.facts.usecases';
import { notesFixture } from './cases.notes.fixtures';
import { caseNote, caseRestrictedFact } from './cases.notes.table';
import { createCaseNotes } from './cases.notes.usecases';
import { caseSections } from './cases.sections';
import { buildKeyring, INSTANCE_KEY_ID, openBytes, openText, RestrictedContentError, sealBytes, sealText } from './restricted-crypto';
import { rotateCaseKeys } from './rotate-case-key';

const instanceSecretKey = Buffer.alloc(32, 7);
const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\nCONFIDENTIAL-SCAN', 'latin1');

describe('encryption of restricted content', () => {
	it('names its key, opens with any configured key and only in its own context', () => {
		const ring = buildKeyring([k1], instanceSecretKey);
		const sealed = sealText(ring, 'Titre de séjour en cours de renouvellement', 'case_note:1');
		expect(sealed.split('.')[1]).toBe('k1');
		expect(sealed).not.toContain('séjour');
		expect(openText(buildKeyring([k2, k1], instanceSecretKey), sealed, 'case_note:1')).toBe('Titre de séjour en cours de renouvellement');
		// Moved to another row: refused.
		expect(() => openText(ring, sealed, 'case_note:2')).toThrowError(RestrictedContentError);
		// The key removed from the configuration: refused, naming the key only.
		expect(() => openText(buildKeyring([k2], instanceSecretKey), sealed, 'case_note:1')).toThrowError('restricted content: key "k1" is not configured');
	});

	it('refuses a tampered ciphertext, text or file', () => {
		const ring = buildKeyring([k1], instanceSecretKey);
		const sealed = sealText(ring, 'Audience au tribunal le 12 mars', 'c');
		const parts = sealed.split('.');
		const data = Buffer.from(parts[4]!, 'base64url');
		data[0] = data[0]! ^ 1;
		parts[4] = data.toString('base64url');
		expect(() => openText(ring, parts.join('.'), 'c')).toThrowError(expect.objectContaining({ reason: 'tampered' }));
		const file = sealBytes(ring, pdf, 'd');
		file[file.length - 1] = file[file.length - 1]! ^ 0xff;
		expect(() => openBytes(ring, file, 'd')).toThrowError(expect.objectContaining({ reason: 'tampered' }));
	});

	it('uses a key derived from the instance secret when no key is configured, and keeps it for reading', () => {
		const fallback = buildKeyring([], instanceSecretKey);
		expect(fallback.current.id).toBe(INSTANCE_KEY_ID);
		expect(fallback.current.key.equals(instanceSecretKey)).toBe(false);
		const sealed = sealText(fallback, 'x', 'c');
		expect(openText(buildKeyring([k1], instanceSecretKey), sealed, 'c')).toBe('x');
	});
});

describe('key rotation', () => {
	let handle: DatabaseHandle;
	let dir: string;
	beforeAll(async () => {
		handle = await freshDatabase();
		dir = mkdtempSync(path.join(tmpdir(), 'passerelle-rotation-'));
	});
	afterAll(async () => {
		await handle.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('re-encrypts every restricted row and file with the current key, after which the old key can be removed', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const store = createDocumentStore(dir);
		const everything = new Set(caseSections);
		const old = buildKeyring([k1], instanceSecretKey);
		// Content written under k1 (one note edited, so it has an earlier text), and some under the instance key.
		const notes = createCaseNotes({ db, keys: old });
		const { id: noteId } = await notes.add(f.fileId, { sensitivity: 'restricted', body: 'Suivi psychologique au SSM' }, f.actorOf('workerA'));
		await notes.edit(f.fileId, noteId, { version: 1, body: 'Suivi psychologique au SSM, tous les mardis' }, f.actorOf('workerA'));
		await createCaseNotes({ db, keys: buildKeyring([], instanceSecretKey) }).add(f.fileId, { sensitivity: 'restricted', body: 'Écrit avant la configuration des clés' }, f.actorOf('workerA'));
		await notes.add(f.fileId, { sensitivity: 'general', body: 'Inscrite au cours FLE A1' }, f.actorOf('workerA'));
		await createCaseFacts({ db, keys: old }).save(f.fileId, 'residence', { code: 'asylum_seeker', date: null, text: 'Annexe 26' }, 0, f.actorOf('workerA'));
		await createCaseDocuments({ db, keys: old, store }).upload(f.fileId, { sensitivity: 'restricted', kind: 'pdf', fileName: 'certificat.pdf', bytes: pdf }, f.actorOf('workerA'));
		await createCaseDocuments({ db, keys: old, store }).upload(f.fileId, { sensitivity: 'general', kind: 'pdf', fileName: 'inscription.pdf', bytes: pdf }, f.actorOf('workerA'));

		const rotated = buildKeyring([k2, k1], instanceSecretKey);
		const report = await rotateCaseKeys({ db, keys: rotated, store, batchSize: 1 });
		expect(report).toEqual({
			key: 'k2',
			notes: { reencrypted: 2, unreadable: 0 },
			revisions: { reencrypted: 1, unreadable: 0 },
			facts: { reencrypted: 1, unreadable: 0 },
			documents: { reencrypted: 1, unreadable: 0 }
		});
		// Run again: nothing left to do.
		const again = await rotateCaseKeys({ db, keys: rotated, store });
		expect([again.notes, again.revisions, again.facts, again.documents].every((c) => c.reencrypted === 0 && c.unreadable === 0)).toBe(true);

		// k1 removed (the instance key is still derived, but no row uses it any more): all readable.
		const only = buildKeyring([k2], instanceSecretKey);
		const list = await createCaseNotes({ db, keys: only }).list(f.fileId, everything);
		expect(list.map((n) => n.text).sort()).toEqual(['Inscrite au cours FLE A1', 'Suivi psychologique au SSM, tous les mardis', 'Écrit avant la configuration des clés']);
		expect(list.find((n) => n.id === noteId)!.revisions.map((r) => r.text)).toEqual(['Suivi psychologique au SSM']);
		expect((await createCaseFacts({ db, keys: only }).get(f.fileId, everything)).residence!.data).toEqual({ code: 'asylum_seeker', date: null, text: 'Annexe 26' });
		const docs = createCaseDocuments({ db, keys: only, store });
		const [restricted] = (await docs.list(f.fileId, everything)).filter((d) => d.sensitivity === 'restricted');
		expect(restricted!.fileName).toBe('certificat.pdf');
		const content = await docs.content((await docs.find(f.fileId, restricted!.id))!);
		expect(content.bytes.equals(pdf)).toBe(true);
		for (const sealed of (await db.select({ s: caseNote.bodySealed }).from(caseNote)).map((r) => r.s).filter(Boolean)) expect(sealed!.split('.')[1]).toBe('k2');
		const [fact] = await db.select().from(caseRestrictedFact).where(eq(caseRestrictedFact.caseFileId, f.fileId));
		expect(fact!.sealed.split('.')[1]).toBe('k2');
		// No file on disk holds the scan in clear except the general one.
		const inClear = readdirSync(dir).filter((name) => readFileSync(path.join(dir, name)).includes('CONFIDENTIAL-SCAN'));
		expect(inClear).toHaveLength(1);
	});

	it('counts what it cannot open and leaves it untouched', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const lost = { id: 'lost', key: Buffer.alloc(32, 9) };
		await createCaseNotes({ db, keys: buildKeyring([lost], instanceSecretKey) }).add(f.fileId, { sensitivity: 'restricted', body: 'Sous une clé perdue' }, f.actorOf('workerA'));
		const [before] = await db.select().from(caseNote).where(eq(caseNote.caseFileId, f.fileId));
		const report = await rotateCaseKeys({ db, keys: buildKeyring([k2], instanceSecretKey), store: createDocumentStore(dir) });
		expect(report.notes).toEqual({ reencrypted: 0, unreadable: 1 });
		const [after] = await db.select().from(caseNote).where(eq(caseNote.caseFileId, f.fileId));
		expect(after!.bodySealed).toBe(before!.bodySealed);
	});
});
