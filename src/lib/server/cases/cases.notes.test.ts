import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { decide } from '../policy/policy';
import '../policy/rules';
import { createCaseFacts } from './cases.facts.usecases';
import { notesFixture } from './cases.notes.fixtures';
import { caseNotesRules } from './cases.notes.policy';
import { checkNoteBody, factSchema, MAX_NOTE_LENGTH } from './cases.notes.schemas';
import { caseNote } from './cases.notes.table';
import { createCaseNotes } from './cases.notes.usecases';
import { casesRules } from './cases.policy';
import { caseFile } from './cases.table';
import { buildKeyring } from './restricted-crypto';

const keys = buildKeyring([{ id: 'k1', key: Buffer.alloc(32, 1) }], Buffer.alloc(32, 7));
const SECRET = 'Demande d’asile en cours, audience au CGRA le 3 février';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
});
afterAll(async () => handle.close());

describe('notes of a case file', () => {
	it('stores a restricted note only encrypted, and shows it only to those who see the restricted section', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const notes = createCaseNotes({ db, keys });
		await notes.add(f.fileId, { sensitivity: 'general', body: 'Inscrite au module FLE du lundi' }, f.actorOf('workerA'));
		await notes.add(f.fileId, { sensitivity: 'social', body: 'Rendez-vous CPAS pour le logement' }, f.actorOf('workerA'));
		const { id } = await notes.add(f.fileId, { sensitivity: 'restricted', body: SECRET }, f.actorOf('workerA'));

		// The row, every column as text: no plaintext.
		const raw = await db.execute(sql`select row_to_json(n)::text as row from case_note n where id = ${id}`);
		const rowText = (raw as unknown as { rows: { row: string }[] }).rows?.[0]?.row ?? JSON.stringify(raw);
		expect(rowText).toContain('rc1.k1.');
		expect(rowText).not.toContain('CGRA');
		expect(rowText).not.toContain('asile');

		const texts = async (person: string) => {
			const access = await f.access(person);
			return access ? (await notes.list(f.fileId, access.sections)).map((n) => n.text) : null;
		};
		expect(await texts('workerA')).toEqual([SECRET, 'Rendez-vous CPAS pour le logement', 'Inscrite au module FLE du lundi']);
		// Readers of the owner: never restricted content.
		expect(await texts('readerA')).toEqual(['Rendez-vous CPAS pour le logement', 'Inscrite au module FLE du lundi']);
		// Another organisation: nothing without a grant, the granted sections only with one.
		expect(await texts('workerB')).toBeNull();
		await f.grantToB(['identity', 'notes']);
		expect(await texts('workerB')).toEqual(['Inscrite au module FLE du lundi']);
		await f.grantToB(['identity', 'notes', 'restricted']);
		expect(await texts('workerB')).toEqual([SECRET, 'Inscrite au module FLE du lundi']);
		await f.grantToB([]);
		// A grant of identity and parcours only does not open the notes tab at all.
		await f.grantToB(['identity', 'parcours']);
		expect(decide(f.people.workerB!, caseNotesRules.view, await f.subject())).toBe(false);
		expect(decide(f.people.readerA!, caseNotesRules['facts.view'], await f.subject())).toBe(false);
		expect(decide(f.people.readerA!, caseNotesRules.view, await f.subject())).toBe(true);

		// Every change is on the file's timeline, with the section, ids and codes only.
		const rows = await db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, f.fileId), eq(auditEvent.action, 'case_note.created')));
		expect(rows.map((r) => r.section).sort()).toEqual(['notes', 'restricted', 'social']);
		expect(JSON.stringify(rows)).not.toContain('CGRA');
	});

	it('lets the author rewrite a note for 24 hours, keeps the earlier text, and tells a late saver of the conflict', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const notes = createCaseNotes({ db, keys });
		const { id } = await notes.add(f.fileId, { sensitivity: 'restricted', body: 'Premier texte' }, f.actorOf('workerA'));
		const row = (await notes.find(f.fileId, id))!;
		const file = await f.subject();
		const subject = (hoursLater: number) => ({
			file,
			section: 'restricted' as const,
			authorId: row.createdBy,
			createdAt: row.createdAt,
			now: new Date(row.createdAt.getTime() + hoursLater * 3_600_000)
		});
		expect(decide(f.people.workerA!, caseNotesRules['note.edit'], subject(23))).toBe(true);
		expect(decide(f.people.workerA!, caseNotesRules['note.edit'], subject(25))).toBe(false);
		expect(decide(f.people.worker2A!, caseNotesRules['note.edit'], subject(1))).toBe(false);

		expect(await notes.edit(f.fileId, id, { version: 1, body: 'Texte corrigé' }, f.actorOf('workerA'))).toEqual({ ok: true, version: 2 });
		// A second tab still on version 1: nothing written, the current text comes back.
		const late = await notes.edit(f.fileId, id, { version: 1, body: 'Autre texte' }, f.actorOf('workerA'));
		expect(late).toMatchObject({ ok: false, conflict: { text: 'Texte corrigé', version: 2 } });
		const [note] = await notes.list(f.fileId, new Set(['restricted']));
		expect(note).toMatchObject({ text: 'Texte corrigé', version: 2 });
		expect(note!.revisions.map((r) => [r.version, r.text])).toEqual([[1, 'Premier texte']]);
		const revisionRow = await db.execute(sql`select row_to_json(r)::text as row from case_note_revision r where note_id = ${id}`);
		expect(JSON.stringify(revisionRow)).not.toContain('Premier texte');

		// After the window, a correction: a new note pointing at the original, which is marked.
		const { id: correction } = await notes.add(f.fileId, { sensitivity: 'restricted', body: 'Correction : audience reportée', correctsNoteId: id }, f.actorOf('worker2A'));
		const list = await notes.list(f.fileId, new Set(['restricted']));
		expect(list.find((n) => n.id === correction)!.correctsNoteId).toBe(id);
		expect(list.find((n) => n.id === id)!.correctedAt).toBeInstanceOf(Date);
		const actions = (await db.select().from(auditEvent).where(eq(auditEvent.subjectId, f.fileId))).map((r) => r.action);
		expect(actions).toEqual(expect.arrayContaining(['case_note.created', 'case_note.edited', 'case_note.corrected']));
		const [fileRow] = await db.select().from(caseFile).where(eq(caseFile.id, f.fileId));
		expect(Date.now() - fileRow!.lastActivityAt.getTime()).toBeLessThan(60_000);
	});

	it('refuses an enormous note, counting characters as a person does', () => {
		expect(checkNoteBody('x'.repeat(MAX_NOTE_LENGTH))).toBeNull();
		expect(checkNoteBody('é'.repeat(MAX_NOTE_LENGTH + 1))).toEqual({ key: 'pro.cases.notes.tooLong', params: { count: MAX_NOTE_LENGTH + 1, max: MAX_NOTE_LENGTH } });
		expect(checkNoteBody('   ')).toEqual({ key: 'pro.errors.required' });
	});

	it('shows a note a database hand changed as unreadable instead of wrong text', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const notes = createCaseNotes({ db, keys });
		const { id } = await notes.add(f.fileId, { sensitivity: 'restricted', body: 'Texte' }, f.actorOf('workerA'));
		const { id: other } = await notes.add(f.fileId, { sensitivity: 'restricted', body: 'Autre' }, f.actorOf('workerA'));
		// A sealed text moved from another row does not open here.
		const [source] = await db.select().from(caseNote).where(eq(caseNote.id, other));
		await db.update(caseNote).set({ bodySealed: source!.bodySealed }).where(eq(caseNote.id, id));
		const list = await notes.list(f.fileId, new Set(['restricted']));
		expect(list.find((n) => n.id === id)!.text).toBeNull();
		expect(list.find((n) => n.id === other)!.text).toBe('Autre');
	});
});

describe('restricted facts', () => {
	it('keeps residence, health and legal facts encrypted, versioned, and away from readers', async () => {
		const db = handle.db;
		const f = await notesFixture(db);
		const facts = createCaseFacts({ db, keys });
		const data = factSchema('residence').parse({ code: 'temporary_stay', date: '2027-03-31', text: 'Carte A, renouvellement demandé', version: '0' });
		expect(await facts.save(f.fileId, 'residence', data, 0, f.actorOf('workerA'))).toEqual({ ok: true, version: 1 });
		// A colleague whose form was opened before: told of the conflict, nothing overwritten.
		expect(await facts.save(f.fileId, 'residence', { ...data, text: 'Autre' }, 0, f.actorOf('worker2A'))).toEqual({ ok: false });
		expect(await facts.save(f.fileId, 'residence', { ...data, text: 'Carte A renouvelée' }, 1, f.actorOf('worker2A'))).toEqual({ ok: true, version: 2 });
		const raw = JSON.stringify(await db.execute(sql`select sealed from case_restricted_fact where case_file_id = ${f.fileId}`));
		expect(raw).not.toContain('Carte');
		expect(raw).not.toContain('temporary_stay');

		expect((await facts.get(f.fileId, (await f.access('workerA'))!.sections)).residence).toMatchObject({ version: 2, data: { code: 'temporary_stay', date: '2027-03-31', text: 'Carte A renouvelée' } });
		expect(await facts.get(f.fileId, (await f.access('readerA'))!.sections)).toEqual({});
		await f.grantToB(['identity', 'health']);
		expect(await facts.get(f.fileId, (await f.access('workerB'))!.sections)).toEqual({});
		await f.grantToB(['identity', 'residence']);
		expect((await facts.get(f.fileId, (await f.access('workerB'))!.sections)).residence?.data?.text).toBe('Carte A renouvelée');
		expect(decide(f.people.workerB!, casesRules['section.edit'], { file: await f.subject(), section: 'health' })).toBe(false);
		expect(factSchema('health').safeParse({ code: 'temporary_stay', date: '', text: '', version: '0' }).success).toBe(false);
		expect(factSchema('legal').safeParse({ code: '', date: '2027-02-30x', text: '', version: '0' }).success).toBe(false);
	});
});
