import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogues } from '../../i18n/catalogues';
import { auditEvent } from '../../audit/audit.table';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { caseAccess } from '../cases.policy';
import { loadFileSubject } from '../cases.scope';
import { createCaseDocuments } from '../cases.documents.usecases';
import { createCaseFacts } from '../cases.facts.usecases';
import { caseDocument, caseNote, caseNoteRevision, caseRestrictedFact } from '../cases.notes.table';
import { createCaseNotes } from '../cases.notes.usecases';
import { referral } from '../cases.referrals.table';
import { caseFile, caseGrant, consent } from '../cases.table';
import { course, enrolment } from '../../courses/courses.table';
import { anonymiseCaseFile, birthYearBand } from './anonymise.usecases';
import { registerErasureStep } from './erasure-steps';
import { exportCaseFile, EXPORT_FORMAT } from './export.usecases';
import { renderRightsPdf } from './rights.pdf';
import { actorOf, person, recordRead, seedRightsFixture, useTestCaseContent, type Fixture } from './rights.testing';

let handle: DatabaseHandle;
let f: Fixture;
const now = new Date('2026-11-28T10:00:00Z');

// A step after the notes part's (order 60) that can fail: the whole erasure, the notes' deleted
// rows included, must then roll back, and the documents' files must stay on disk.
let failFor: string | null = null;
registerErasureStep({
	key: 'failingLater',
	order: 80,
	async run(_tx, caseFileId) {
		if (caseFileId === failFor) throw new Error('disk full');
	}
});

// The notes part's real use-cases, with a test key and a temporary documents folder.
const testContent = useTestCaseContent();
const { keys, store, dir: documentsDir } = testContent;
const content = {
	general: `${person.firstName} a appelé depuis le ${person.phone} pour les cours du soir`,
	restrictedFirst: 'Premier rendez-vous au service de santé mentale',
	restricted: 'Suivi au service de santé mentale, deux fois par mois',
	fact: 'Consultation psychologique hebdomadaire',
	pdf: Buffer.from('%PDF-1.7\n% certificat\n%%EOF\n', 'latin1')
};
const documentFiles = () => readdirSync(documentsDir).filter((n) => !n.endsWith('.tmp'));
const rowsOfFile = async (id: string) => ({
	notes: (await handle.db.select().from(caseNote).where(eq(caseNote.caseFileId, id))).length,
	revisions: (await handle.db.select().from(caseNoteRevision).where(eq(caseNoteRevision.caseFileId, id))).length,
	facts: (await handle.db.select().from(caseRestrictedFact).where(eq(caseRestrictedFact.caseFileId, id))).length,
	documents: (await handle.db.select().from(caseDocument).where(eq(caseDocument.caseFileId, id))).length
});

/** Every text, varchar, json and array column of every table, with the rows where it contains `needle`. */
async function findEverywhere(needle: string): Promise<string[]> {
	const columns = await handle.db.execute<{ table_name: string; column_name: string }>(sql`
		select c.table_name, c.column_name from information_schema.columns c
		join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
		where c.table_schema = 'public' and (c.data_type in ('text', 'character varying', 'json', 'jsonb') or c.udt_name in ('_text', '_varchar'))`);
	const rows = ((columns as unknown as { rows?: { table_name: string; column_name: string }[] }).rows ?? (columns as unknown as { table_name: string; column_name: string }[]));
	const found: string[] = [];
	for (const { table_name, column_name } of rows) {
		const hit = await handle.db.execute(sql`select 1 from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text ilike ${`%${needle}%`} limit 1`);
		const n = (hit as unknown as { rows?: unknown[] }).rows?.length ?? (hit as unknown as unknown[]).length;
		if (n > 0) found.push(`${table_name}.${column_name}`);
	}
	return found;
}

const filesPerMunicipality = async () =>
	handle.db.select({ nisCode: caseFile.nisCode, n: sql<number>`count(*)::int` }).from(caseFile).groupBy(caseFile.nisCode).orderBy(caseFile.nisCode);

beforeAll(async () => {
	handle = await freshDatabase();
	f = await seedRightsFixture(handle.db);
	const actor = { userId: f.workerA.id, organisationId: f.orgA.id };
	const notes = createCaseNotes({ db: handle.db, keys });
	await notes.add(f.file.id, { sensitivity: 'general', body: content.general }, actor);
	const { id: restrictedId } = await notes.add(f.file.id, { sensitivity: 'restricted', body: content.restrictedFirst }, actor);
	// An edit keeps the earlier text (a revision, encrypted too).
	expect(await notes.edit(f.file.id, restrictedId, { version: 1, body: content.restricted }, actor)).toEqual({ ok: true, version: 2 });
	await createCaseFacts({ db: handle.db, keys }).save(f.file.id, 'health', { code: 'psychological_support', date: '2027-02-01', text: content.fact }, 0, actor);
	const documents = createCaseDocuments({ db: handle.db, keys, store });
	await documents.upload(f.file.id, { sensitivity: 'restricted', kind: 'pdf', fileName: 'certificat-medical.pdf', bytes: content.pdf }, actor);
	await documents.upload(f.file.id, { sensitivity: 'general', kind: 'pdf', fileName: `${person.lastName}-inscription.pdf`, bytes: content.pdf }, actor);
	// Another person in the same municipality: counts per municipality must survive the erasure.
	await handle.db.insert(caseFile).values({ ownerOrganisationId: f.orgA.id, firstName: 'Other', nisCode: person.nisCode, birthYear: 1990 });
	await recordRead(handle.db, actorOf(f.workerB, [[f.orgB.id, 'worker']]), f.file.id, 'identity');
}, 60_000);
afterAll(async () => {
	await handle?.close();
	testContent.done();
});

describe('export of everything held about a person (art. 15)', () => {
	it('holds the identity, the consents, the grants and the access log in the JSON, and records the export', async () => {
		const result = (await exportCaseFile(handle.db, f.file.id, { locale: 'fr', format: 'json', now, actorUserId: f.adminA.id, organisationId: f.orgA.id, ipHash: null }))!;
		const { json } = result;
		expect(json).toMatchObject({ format: EXPORT_FORMAT, version: 1, language: 'fr', caseFile: { id: f.file.id, reference: f.file.id.slice(0, 8) } });
		expect(json.parts.identity!.data).toMatchObject({
			firstName: person.firstName,
			lastName: person.lastName,
			birthDate: person.birthDate,
			phone: person.phone,
			email: person.email,
			preferredLanguages: ['ti', 'fr'],
			municipality: { nisCode: '62096', name: 'Seraing' },
			ownerOrganisation: { id: f.orgA.id, name: f.orgA.name },
			assignedWorker: 'Wanda Worker'
		});
		const consents = json.parts.consents!.data as { purpose: string; organisations: { name: string }[]; interpreter: boolean }[];
		expect(consents.map((c) => c.purpose).sort()).toEqual(['follow_up', 'referral']);
		expect(consents.find((c) => c.purpose === 'referral')!.organisations).toEqual([{ id: f.orgB.id, name: f.orgB.name }]);
		expect(json.parts.grants!.data).toEqual([expect.objectContaining({ organisation: { id: f.orgB.id, name: f.orgB.name }, sections: ['identity', 'parcours'], revokedAt: null })]);
		const log = json.parts.accessLog!.data as { organisation: { name: string }; action: string; section: string }[];
		expect(log).toContainEqual(expect.objectContaining({ organisation: { id: f.orgB.id, name: f.orgB.name }, action: 'case_file.viewed', section: 'identity' }));
		// Workers are not the person's data: no worker id in the access log part.
		expect(JSON.stringify(log)).not.toContain(f.workerB.id);
		// Notes decrypted, with their earlier texts; the restricted facts; the documents' metadata.
		const notes = json.parts.notes!.data as { sensitivity: string; text: string; organisation: string; earlierTexts: { version: number; text: string }[] }[];
		expect(notes).toEqual([
			expect.objectContaining({ sensitivity: 'general', text: content.general, organisation: f.orgA.name, earlierTexts: [] }),
			expect.objectContaining({ sensitivity: 'restricted', text: content.restricted, version: 2, earlierTexts: [expect.objectContaining({ version: 1, text: content.restrictedFirst })] })
		]);
		expect(json.parts.facts!.data).toEqual([expect.objectContaining({ section: 'health', code: 'psychological_support', date: '2027-02-01', text: content.fact })]);
		expect(json.parts.documents!.data).toEqual([
			expect.objectContaining({ name: 'certificat-medical.pdf', mediaType: 'application/pdf', sizeBytes: content.pdf.length, sensitivity: 'restricted' }),
			expect.objectContaining({ name: `${person.lastName}-inscription.pdf`, sensitivity: 'general' })
		]);
		expect(json.parts.identity!.title).toBe('Identité');
		// The PDF's document has the same parts, titled in the person's language.
		expect(result.document.parts.map((p) => p.title)).toEqual([
			'Identité',
			'Consentements',
			'Organisations qui ont eu accès au dossier',
			'Orientations vers d’autres organisations',
			'Parcours d’Intégration',
			'Demandes et inscriptions aux cours',
			'Notes',
			'Informations confidentielles : séjour, santé, juridique',
			'Documents',
			'Qui a consulté le dossier'
		]);
		const blocks = (title: string) => JSON.stringify(result.document.parts.find((p) => p.title === title)!.blocks);
		for (const text of [content.general, content.restricted, content.restrictedFirst, 'Texte précédent (version 1)']) expect(blocks('Notes')).toContain(text);
		for (const text of ['Santé', 'Soutien psychologique', '1 février 2027', content.fact]) expect(blocks('Informations confidentielles : séjour, santé, juridique')).toContain(text);
		for (const text of ['certificat-medical.pdf', 'PDF, 1 Ko', 'Confidentiel']) expect(blocks('Documents')).toContain(text);
		const [audit] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'case_file.exported'), eq(auditEvent.subjectId, f.file.id)));
		expect(audit).toMatchObject({ actorUserId: f.adminA.id, organisationId: f.orgA.id, subjectType: 'case_file', purpose: 'export', details: { format: 'json', lang: 'fr', parts: Object.keys(json.parts).length } });
	});

	it('titles the parts in the person’s language, and prints the notes, facts and documents', async () => {
		const { json, document } = (await exportCaseFile(handle.db, f.file.id, { locale: 'ar', format: 'pdf', now, actorUserId: f.adminA.id, organisationId: f.orgA.id, ipHash: null }))!;
		expect(json.parts.consents!.title).toBe('الموافقات');
		const ar = catalogues.ar;
		const part = (key: string) => document.parts.find((p) => p.title === ar[`pro.cases.rights.part.${key}`])!;
		expect(JSON.stringify(part('notes').blocks)).toContain(content.restricted);
		expect(JSON.stringify(part('facts').blocks)).toContain(ar['pro.cases.facts.health.code.psychological_support']);
		expect(JSON.stringify(part('documents').blocks)).toContain(ar['pro.cases.documents.name']);
		// Typst prints them (the note's French text extracts as typed from the right-to-left document).
		const pdf = await renderRightsPdf(document, now);
		const file = path.join(documentsDir, '..', `${path.basename(documentsDir)}-export-ar.pdf`);
		writeFileSync(file, pdf);
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		rmSync(file);
		for (const piece of [content.restricted, content.fact, 'certificat-medical.pdf']) expect(text).toContain(piece);
	}, 30_000);
});

describe('erasure by anonymisation (art. 17)', () => {
	it('leaves a failed erasure undone: a step that fails rolls everything back', async () => {
		failFor = f.file.id;
		const files = documentFiles();
		expect(files).toHaveLength(2);
		await expect(anonymiseCaseFile(handle.db, f.file.id, { actorUserId: f.adminA.id, ipHash: null, purpose: 'erasure', now })).rejects.toThrow('disk full');
		failFor = null;
		const [file] = await handle.db.select().from(caseFile).where(eq(caseFile.id, f.file.id));
		expect(file).toMatchObject({ firstName: person.firstName, status: 'open' });
		// The notes part's rows came back with the rollback, and the files it would remove are still on disk.
		expect(await rowsOfFile(f.file.id)).toEqual({ notes: 2, revisions: 1, facts: 1, documents: 2 });
		expect(documentFiles()).toEqual(files);
	});

	it('leaves nothing that names or reaches the person in any text column, and keeps the counts', async () => {
		const before = await filesPerMunicipality();
		// A referral whose message names the person's phone: the words go, the referral stays (counts).
		await handle.db.insert(referral).values({ caseFileId: f.file.id, fromOrganisationId: f.orgA.id, toOrganisationId: f.orgB.id, purpose: 'french', sections: ['identity'], message: `Joignable au ${person.phone}`, consentId: f.consents[1]!.id });
		// A course request of the file, with the person's name and phone copied for the course's list.
		const [c] = await handle.db.insert(course).values({ organisationId: f.orgA.id, axis: 'fle', level: 'a1', title: 'FLE A1', nisCode: '62096', totalHours: 100, capacity: 10, startsOn: '2026-09-01', endsOn: '2027-06-30', status: 'published' }).returning({ id: course.id });
		await handle.db.insert(enrolment).values({ courseId: c!.id, organisationId: f.orgA.id, source: 'case_file', caseFileId: f.file.id, firstName: person.firstName, lastName: person.lastName, phone: person.phone, status: 'waiting' });
		// The search finds the person where they are before the erasure.
		expect((await findEverywhere(person.phone)).sort()).toEqual(['case_file.phone', 'case_note.body', 'enrolment.phone', 'referral.message']);
		expect((await findEverywhere(person.lastName)).sort()).toEqual(['case_document.file_name', 'case_file.last_name', 'case_file.name_key', 'enrolment.last_name']);
		// Restricted texts are only ever stored encrypted.
		for (const needle of [content.restricted, content.restrictedFirst, content.fact, 'certificat-medical']) expect(await findEverywhere(needle), needle).toEqual([]);
		const counts = { notes_notes: 2, notes_revisions: 1, notes_facts: 1, notes_documents: 2, referrals_stripped: 1, referrals_cancelled: 1, consents: 2, grants_revoked: 1, courses_enrolments: 1 };
		const result = await anonymiseCaseFile(handle.db, f.file.id, { actorUserId: f.adminA.id, ipHash: 'h', purpose: 'erasure', now });
		expect(result).toEqual({ status: 'anonymised', counts });
		expect(await handle.db.select({ purpose: referral.purpose, status: referral.status }).from(referral).where(eq(referral.caseFileId, f.file.id))).toEqual([{ purpose: 'french', status: 'cancelled' }]);
		// Notes, earlier texts, facts and documents are gone, and so are the documents' files (removed after the commit).
		expect(await rowsOfFile(f.file.id)).toEqual({ notes: 0, revisions: 0, facts: 0, documents: 0 });
		expect(documentFiles()).toEqual([]);
		expect(existsSync(documentsDir)).toBe(true);

		const [file] = await handle.db.select().from(caseFile).where(eq(caseFile.id, f.file.id));
		expect(file).toMatchObject({
			firstName: 'Anonyme',
			lastName: null,
			pseudonymous: false,
			birthDate: null,
			birthYear: 1985,
			preferredLanguages: [],
			phone: null,
			email: null,
			assignedUserId: null,
			createdBy: null,
			nisCode: '62096',
			status: 'anonymised',
			anonymisedAt: now,
			closedAt: now
		});
		const consents = await handle.db.select().from(consent).where(eq(consent.caseFileId, f.file.id));
		expect(consents).toHaveLength(2);
		for (const c of consents) expect(c).toMatchObject({ organisationIds: [], sections: [], language: 'und', interpreter: false, expiresOn: null, recordedBy: null, revokedBy: null, givenOn: '2026-01-10' });
		expect(consents.map((c) => c.purpose).sort()).toEqual(['follow_up', 'referral']);
		const grants = await handle.db.select().from(caseGrant).where(eq(caseGrant.caseFileId, f.file.id));
		expect(grants.map((g) => [g.revokedReason, g.revokedAt?.getTime()])).toEqual([['file_anonymised', now.getTime()]]);

		for (const needle of [person.firstName, person.lastName, person.phone, person.email, person.birthDate, 'zerihun.w', 'cours du soir', 'santé mentale', 'psychologique', 'inscription.pdf'])
			expect(await findEverywhere(needle), needle).toEqual([]);
		expect(await filesPerMunicipality()).toEqual(before);

		const [audit] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'case_file.anonymised'), eq(auditEvent.subjectId, f.file.id)));
		expect(audit).toMatchObject({ actorUserId: f.adminA.id, organisationId: f.orgA.id, purpose: 'erasure', details: counts });
	});

	it('hides the file from the grantee and the owner’s workers, not from its admins; a second erasure changes nothing', async () => {
		const { subject } = (await loadFileSubject(handle.db, f.file.id))!;
		expect(caseAccess(actorOf(f.workerB, [[f.orgB.id, 'worker']]), subject)).toBeNull();
		expect(caseAccess(actorOf(f.workerA, [[f.orgA.id, 'worker']]), subject)).toBeNull();
		expect(caseAccess(actorOf(f.adminA, [[f.orgA.id, 'admin']]), subject)).not.toBeNull();
		expect(await anonymiseCaseFile(handle.db, f.file.id, { actorUserId: f.adminA.id, ipHash: null, purpose: 'erasure', now })).toEqual({ status: 'already' });
		const { json } = (await exportCaseFile(handle.db, f.file.id, { locale: 'fr', format: 'json', now, actorUserId: f.adminA.id, organisationId: f.orgA.id, ipHash: null }))!;
		expect(json.parts.identity!.data).toMatchObject({ firstName: 'Anonyme', status: 'anonymised', phone: null });
	});

	it('generalises a birth year to its five-year band', () => {
		expect([birthYearBand(1987, null), birthYearBand(null, '2003-12-31'), birthYearBand(1990, null), birthYearBand(null, null)]).toEqual([1985, 2000, 1990, null]);
	});
});
