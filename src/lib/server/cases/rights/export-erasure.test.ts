import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../audit/audit.table';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { caseAccess } from '../cases.policy';
import { loadFileSubject } from '../cases.scope';
import { referral } from '../cases.referrals.table';
import { caseFile, caseGrant, consent } from '../cases.table';
import { anonymiseCaseFile, birthYearBand } from './anonymise.usecases';
import { registerErasureStep } from './erasure-steps';
import { exportCaseFile, EXPORT_FORMAT } from './export.usecases';
import { actorOf, person, recordRead, seedRightsFixture, type Fixture } from './rights.testing';

let handle: DatabaseHandle;
let f: Fixture;
const now = new Date('2026-11-28T10:00:00Z');

// A part's erasure step, as the notes part registers one: its rows are deleted in the erasure's
// transaction, and what a transaction cannot undo runs after the commit.
const cleanedAfterCommit: string[] = [];
let failFor: string | null = null;
registerErasureStep({
	key: 'testNotes',
	order: 60,
	async run(tx, caseFileId) {
		if (caseFileId === failFor) throw new Error('disk full');
		const deleted = await tx.execute(sql`delete from test_note where case_file_id = ${caseFileId} returning 1`);
		return { deleted: (deleted as unknown as { rows?: unknown[] }).rows?.length ?? (deleted as unknown as unknown[]).length };
	},
	async afterCommit(_db, caseFileId) {
		cleanedAfterCommit.push(caseFileId);
	}
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
	await handle.db.execute(sql`create table test_note (case_file_id uuid not null, body text not null)`);
	await handle.db.execute(sql`insert into test_note values (${f.file.id}, ${`${person.firstName} a appelé depuis le ${person.phone}`})`);
	// Another person in the same municipality: counts per municipality must survive the erasure.
	await handle.db.insert(caseFile).values({ ownerOrganisationId: f.orgA.id, firstName: 'Other', nisCode: person.nisCode, birthYear: 1990 });
	await recordRead(handle.db, actorOf(f.workerB, [[f.orgB.id, 'worker']]), f.file.id, 'identity');
}, 60_000);
afterAll(async () => handle?.close());

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
		expect(json.parts.identity!.title).toBe('Identité');
		// The PDF's document has the same parts, titled in the person's language.
		expect(result.document.parts.map((p) => p.title)).toEqual(['Identité', 'Consentements', 'Organisations qui ont eu accès au dossier', 'Orientations vers d’autres organisations', 'Qui a consulté le dossier']);
		const [audit] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'case_file.exported'), eq(auditEvent.subjectId, f.file.id)));
		expect(audit).toMatchObject({ actorUserId: f.adminA.id, organisationId: f.orgA.id, subjectType: 'case_file', purpose: 'export', details: { format: 'json', lang: 'fr', parts: Object.keys(json.parts).length } });
	});

	it('titles the parts in the person’s language', async () => {
		const { json } = (await exportCaseFile(handle.db, f.file.id, { locale: 'ar', format: 'json', now, actorUserId: f.adminA.id, organisationId: f.orgA.id, ipHash: null }))!;
		expect(json.parts.consents!.title).toBe('الموافقات');
	});
});

describe('erasure by anonymisation (art. 17)', () => {
	it('leaves a failed erasure undone: a step that fails rolls everything back', async () => {
		failFor = f.file.id;
		await expect(anonymiseCaseFile(handle.db, f.file.id, { actorUserId: f.adminA.id, ipHash: null, purpose: 'erasure', now })).rejects.toThrow('disk full');
		failFor = null;
		const [file] = await handle.db.select().from(caseFile).where(eq(caseFile.id, f.file.id));
		expect(file).toMatchObject({ firstName: person.firstName, status: 'open' });
	});

	it('leaves nothing that names or reaches the person in any text column, and keeps the counts', async () => {
		const before = await filesPerMunicipality();
		// A referral whose message names the person's phone: the words go, the referral stays (counts).
		await handle.db.insert(referral).values({ caseFileId: f.file.id, fromOrganisationId: f.orgA.id, toOrganisationId: f.orgB.id, purpose: 'french', sections: ['identity'], message: `Joignable au ${person.phone}`, consentId: f.consents[1]!.id });
		// The search finds the person where they are before the erasure.
		expect((await findEverywhere(person.phone)).sort()).toEqual(['case_file.phone', 'referral.message', 'test_note.body']);
		const result = await anonymiseCaseFile(handle.db, f.file.id, { actorUserId: f.adminA.id, ipHash: 'h', purpose: 'erasure', now });
		expect(result).toEqual({ status: 'anonymised', counts: { testNotes_deleted: 1, referrals_stripped: 1, referrals_cancelled: 1, consents: 2, grants_revoked: 1 } });
		expect(await handle.db.select({ purpose: referral.purpose, status: referral.status }).from(referral).where(eq(referral.caseFileId, f.file.id))).toEqual([{ purpose: 'french', status: 'cancelled' }]);
		expect(cleanedAfterCommit).toEqual([f.file.id]);

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

		for (const needle of [person.firstName, person.lastName, person.phone, person.email, person.birthDate, 'zerihun.w']) expect(await findEverywhere(needle), needle).toEqual([]);
		expect(await filesPerMunicipality()).toEqual(before);

		const [audit] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'case_file.anonymised'), eq(auditEvent.subjectId, f.file.id)));
		expect(audit).toMatchObject({ actorUserId: f.adminA.id, organisationId: f.orgA.id, purpose: 'erasure', details: { testNotes_deleted: 1, referrals_stripped: 1, referrals_cancelled: 1, consents: 2, grants_revoked: 1 } });
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
