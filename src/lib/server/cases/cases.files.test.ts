import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../audit/audit.repository';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { decide, type OrganisationRole, type SignedIn } from '../policy/policy';
import '../policy/rules';
import { presentFileList } from './cases.files.presenter';
import { createCaseFilesRepository } from './cases.files.repository';
import { identitySchema, parseFileFilters, type IdentityInput } from './cases.files.schemas';
import { createCaseFiles, identityOf } from './cases.files.usecases';
import { caseAccess, casesRules } from './cases.policy';
import { loadFileSubject } from './cases.scope';
import { caseFile, caseGrant, consent } from './cases.table';
import { fileTimeline } from './cases.timeline';

let handle: DatabaseHandle;
const ids = { orgA: '', orgB: '', workerA: '', coordinatorA: '', workerB: '' };
const day = 86_400_000;

function actor(userId: string, memberships: [string, OrganisationRole][]): SignedIn {
	return { kind: 'user', userId, sessionId: 's', name: 'x', email: 'x@x', locale: 'fr', platformRoles: new Set(), memberships: new Map(memberships), hasSecondFactor: true, secondFactorPassed: true };
}
const person = (over: Partial<IdentityInput> = {}): IdentityInput => ({
	firstName: 'Amal',
	pseudonymous: false,
	lastName: 'Benali',
	birthYear: 1990,
	birthDate: null,
	preferredLanguages: ['ar'],
	nisCode: '62096',
	phone: null,
	email: null,
	assignedUserId: null,
	...over
});

beforeAll(async () => {
	handle = await freshDatabase();
	const repo = createIdentityRepository({ db: handle.db });
	ids.orgA = (await repo.organisations.create({ name: 'ILI A', kind: 'ili', nisCode: '62096' })).id;
	ids.orgB = (await repo.organisations.create({ name: 'ILI B', kind: 'ili', nisCode: '62063' })).id;
	for (const [key, org, role] of [['workerA', ids.orgA, 'worker'], ['coordinatorA', ids.orgA, 'coordinator'], ['workerB', ids.orgB, 'worker']] as const) {
		const user = await repo.users.create({ email: `${key}@t.test`, name: key, locale: 'fr' });
		await repo.members.add(user.id, org, role);
		ids[key] = user.id;
	}
});
afterAll(async () => handle?.close());

const ctxA = () => ({ actorUserId: ids.workerA, organisationId: ids.orgA, ipHash: null });

describe('opening a file', () => {
	it('accepts a pseudonymous first name alone, and a birth date that sets the year', () => {
		const parsed = identitySchema(new Date('2026-11-28')).parse({ firstName: ' Sara ', pseudonymous: 'on', lastName: '', birthYear: '', birthDate: '2001-03-04', nisCode: '', phone: '', email: '', assignedUserId: '' });
		expect(parsed).toMatchObject({ firstName: 'Sara', pseudonymous: true, lastName: null, birthYear: 2001, birthDate: '2001-03-04', preferredLanguages: [] });
	});

	it('refuses a year that contradicts the date, a future date and an implausible year, each on its field', () => {
		const schema = identitySchema(new Date('2026-11-28'));
		const base = { firstName: 'Sara', lastName: '', birthYear: '', birthDate: '', nisCode: '', phone: '', email: '', assignedUserId: '' };
		const issues = (v: object) => schema.safeParse({ ...base, ...v }).error?.issues.map((i) => [i.path[0], i.message]);
		expect(issues({ birthYear: '2000', birthDate: '2001-03-04' })).toEqual([['birthYear', 'pro.cases.errors.birthMismatch']]);
		expect(issues({ birthDate: '2027-01-01' })).toEqual([['birthDate', 'pro.cases.errors.birthDate']]);
		expect(issues({ birthYear: '1850' })).toEqual([['birthYear', 'pro.cases.errors.birthYear']]);
		expect(issues({ birthDate: '2001-02-30' })).toEqual([['birthDate', 'pro.errors.date']]);
	});

	it('suggests possible duplicates within the organisation, creates only once the person saw them and said "create anyway"', async () => {
		const files = createCaseFiles({ db: handle.db });
		const first = await files.create(person({ firstName: 'Fatima', lastName: 'El Amrani', birthYear: 1988 }), ctxA());
		expect(first.created).toBe(true);
		// Accents and a typo, a birth year one year apart: suggested, not created.
		const again = await files.create(person({ firstName: 'Fatíma', lastName: 'El Amrany', birthYear: 1989 }), ctxA());
		expect(again.created).toBe(false);
		const duplicates = again.created ? [] : again.duplicates;
		expect(duplicates.map((d) => d.id)).toEqual([first.created ? first.id : '']);
		// Another organisation's worker opening the same name sees nothing of A's files.
		expect((await files.create(person({ firstName: 'Fatima', lastName: 'El Amrani', birthYear: 1988 }), { actorUserId: ids.workerB, organisationId: ids.orgB, ipHash: null })).created).toBe(true);
		// Same name but born ten years later: another person, no suggestion.
		expect((await files.create(person({ firstName: 'Fatima', lastName: 'El Amrani', birthYear: 1998 }), ctxA())).created).toBe(true);
		// "Create anyway" without having seen a candidate shows it again; having seen it, creates.
		expect((await files.create(person({ firstName: 'Fatima', lastName: 'Elamrani', birthYear: 1988 }), ctxA(), { createAnyway: true, seen: [] })).created).toBe(false);
		const forced = await createCaseFilesRepository({ db: handle.db }).possibleDuplicates(ids.orgA, { firstName: 'Fatima', lastName: 'Elamrani', birthYear: 1988 });
		const created = await files.create(person({ firstName: 'Fatima', lastName: 'Elamrani', birthYear: 1988 }), ctxA(), { createAnyway: true, seen: forced.map((d) => d.id) });
		expect(created.created).toBe(true);
		// Showing candidates is a read of their identity; creating is a change on the timeline.
		const reads = await handle.db.select().from(auditEvent).where(eq(auditEvent.purpose, 'duplicate-check'));
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((r) => r.action === 'case_file.viewed' && r.section === 'identity')).toBe(true);
	});

	it('compares first names alone when a file has no last name', async () => {
		const files = createCaseFiles({ db: handle.db });
		expect((await files.create(person({ firstName: 'Oleksandr', lastName: null, birthYear: null }), ctxA())).created).toBe(true);
		const again = await files.create(person({ firstName: 'Oleksandr', lastName: 'Petrenko', birthYear: 1975 }), ctxA());
		expect(again.created).toBe(false);
	});
});

describe('the list', () => {
	let shared = '';
	let sharedNoIdentity = '';
	beforeAll(async () => {
		const db = handle.db;
		const rows = await db
			.insert(caseFile)
			.values([
				{ ownerOrganisationId: ids.orgB, firstName: 'Yonas', lastName: 'Tesfaye', nisCode: '62063' },
				{ ownerOrganisationId: ids.orgB, firstName: 'Hidden', lastName: 'Person', nisCode: '62063' },
				{ ownerOrganisationId: ids.orgB, firstName: 'Never', lastName: 'Shared', nisCode: '62063' },
				{ ownerOrganisationId: ids.orgA, firstName: 'Closed', lastName: 'File', status: 'closed', assignedUserId: ids.workerA }
			])
			.returning({ id: caseFile.id });
		[shared, sharedNoIdentity] = [rows[0]!.id, rows[1]!.id];
		const [c] = await db.insert(consent).values({ caseFileId: shared, purpose: 'referral', organisationIds: [ids.orgA], language: 'fr', givenOn: '2026-01-01' }).returning({ id: consent.id });
		await db.insert(caseGrant).values([
			{ caseFileId: shared, organisationId: ids.orgA, sections: ['identity', 'parcours'], consentId: c!.id, expiresAt: new Date(Date.now() + 30 * day) },
			{ caseFileId: sharedNoIdentity, organisationId: ids.orgA, sections: ['parcours'], consentId: c!.id, expiresAt: new Date(Date.now() + 30 * day) }
		]);
	});

	const listAs = async (a: SignedIn, query: string) => {
		const { rows } = await createCaseFilesRepository({ db: handle.db }).list(a, parseFileFilters(new URLSearchParams(query)));
		return presentFileList(handle.db, a, rows);
	};

	it('shows owned and shared files, names only where the identity section is granted', async () => {
		const files = await listAs(actor(ids.workerA, [[ids.orgA, 'worker']]), '');
		expect(files.some((f) => f.name === 'Never Shared')).toBe(false);
		expect(files.find((f) => f.id === shared)).toMatchObject({ name: 'Yonas Tesfaye', owner: false, ownerOrganisationName: 'ILI B' });
		expect(files.find((f) => f.id === sharedNoIdentity)).toMatchObject({ name: null, municipality: null, reference: `#${sharedNoIdentity.slice(0, 8)}` });
		expect(files.filter((f) => f.owner).every((f) => f.name)).toBe(true);
	});

	it('filters by status, organisation, worker, municipality and name (accents ignored, typos tolerated)', async () => {
		const a = actor(ids.workerA, [[ids.orgA, 'worker']]);
		expect((await listAs(a, 'status=closed')).map((f) => f.name)).toEqual(['Closed File']);
		expect((await listAs(a, 'organisation=shared')).map((f) => f.id).sort()).toEqual([shared, sharedNoIdentity].sort());
		expect((await listAs(a, `status=all&worker=${ids.workerA}`)).map((f) => f.name)).toEqual(['Closed File']);
		expect((await listAs(a, 'q=TESFAYE')).map((f) => f.id)).toEqual([shared]);
		expect((await listAs(a, 'q=yonaz tesfay')).map((f) => f.id)).toEqual([shared]);
		expect((await listAs(a, 'q=fatima')).length).toBeGreaterThan(1);
		// A grantee cannot find a file by a name or municipality it may not see.
		expect(await listAs(a, 'q=hidden person')).toEqual([]);
		expect((await listAs(a, 'municipality=62063')).map((f) => f.id)).toEqual([shared]);
	});

	it('pages by 50, most recent activity first', async () => {
		const db = handle.db;
		await db.insert(caseFile).values(Array.from({ length: 60 }, (_, i) => ({ ownerOrganisationId: ids.orgA, firstName: `Person ${i}`, lastActivityAt: new Date(Date.UTC(2026, 0, 1, 0, i)) })));
		const repo = createCaseFilesRepository({ db });
		const a = actor(ids.workerA, [[ids.orgA, 'worker']]);
		const first = await repo.list(a, parseFileFilters(new URLSearchParams('')));
		expect(first.rows).toHaveLength(50);
		expect(first.hasMore).toBe(true);
		const times = first.rows.map((r) => r.lastActivityAt.getTime());
		expect([...times].sort((x, y) => y - x)).toEqual(times);
		const second = await repo.list(a, parseFileFilters(new URLSearchParams('page=2')));
		expect(second.rows.some((r) => first.rows.some((f) => f.id === r.id))).toBe(false);
		// The Parcours' filters arrive as extra SQL conditions.
		const { sql } = await import('drizzle-orm');
		const narrowed = await repo.list(a, parseFileFilters(new URLSearchParams('')), { extraConditions: [sql`${caseFile.firstName} = 'Person 7'`] });
		expect(narrowed.rows.map((r) => r.firstName)).toEqual(['Person 7']);
	});
});

describe('correcting the identity', () => {
	it('refuses the second of two saves made from the same version, and says what changed', async () => {
		const files = createCaseFiles({ db: handle.db });
		const made = await files.create(person({ firstName: 'Dawit', lastName: 'Kidane', birthYear: 1979 }), ctxA());
		if (!made.created) throw new Error('not created');
		const { file } = (await loadFileSubject(handle.db, made.id))!;
		const start = identityOf(file);
		// Two workers opened the form at version 1; both save.
		const [one, two] = [
			await files.saveIdentity(made.id, file.version, { ...start, phone: '0470 12 34 56' } as IdentityInput, ctxA()),
			await files.saveIdentity(made.id, file.version, { ...start, lastName: 'Kidane-Tesfay' } as IdentityInput, { ...ctxA(), actorUserId: ids.coordinatorA })
		];
		expect(one).toMatchObject({ saved: true, version: 2, fields: ['phone'] });
		expect(two).toMatchObject({ saved: false, reason: 'conflict', changedBy: { name: 'workerA' } });
		if (two.saved || two.reason !== 'conflict') throw new Error('expected a conflict');
		expect(two.current.phone).toBe('0470 12 34 56');
		expect(two.current.lastName).toBe('Kidane');
		// Applying one's values on top: the form now carries the current version.
		expect(await files.saveIdentity(made.id, two.current.version, { ...identityOf(two.current), lastName: 'Kidane-Tesfay' } as IdentityInput, ctxA())).toMatchObject({ saved: true, version: 3, fields: ['lastName'] });
		const audit = await handle.db.select().from(auditEvent).where(eq(auditEvent.subjectId, made.id));
		expect(audit.filter((r) => r.action === 'case_identity.updated').map((r) => (r.details as { fields: string }).fields)).toEqual(['phone', 'lastName']);
	});

	it('makes a closed file read-only until it is reopened', async () => {
		const files = createCaseFiles({ db: handle.db });
		const made = await files.create(person({ firstName: 'Mariam', lastName: 'Diallo', birthYear: 2001 }), ctxA());
		if (!made.created) throw new Error('not created');
		const worker = actor(ids.workerA, [[ids.orgA, 'worker']]);
		expect(await files.close(made.id, ctxA())).toBe(true);
		expect(await files.close(made.id, ctxA())).toBe(false);
		const closed = (await loadFileSubject(handle.db, made.id))!;
		expect(decide(worker, casesRules['section.edit'], { file: closed.subject, section: 'identity' })).toBe(false);
		expect(decide(worker, casesRules['file.view'], closed.subject)).toBe(true);
		expect(await files.saveIdentity(made.id, closed.file.version, { ...identityOf(closed.file), phone: '04 000 00 00' } as IdentityInput, ctxA())).toEqual({ saved: false, reason: 'closed' });
		expect(await files.reopen(made.id, ctxA())).toBe(true);
		const reopened = (await loadFileSubject(handle.db, made.id))!;
		expect(decide(worker, casesRules['section.edit'], { file: reopened.subject, section: 'identity' })).toBe(true);
		expect(reopened.file.closedAt).toBeNull();
	});
});

describe('the timeline', () => {
	it('shows changes newest first, never reads, and to a grantee only the sections it sees', async () => {
		const db = handle.db;
		const files = createCaseFiles({ db });
		const made = await files.create(person({ firstName: 'Tigist', lastName: 'Haile', birthYear: 1995 }), ctxA());
		if (!made.created) throw new Error('not created');
		const base = { actorUserId: ids.workerA, organisationId: ids.orgA, subjectType: 'case_file', subjectId: made.id };
		await recordAudit(db, { ...base, action: 'case_file.viewed', section: 'identity' });
		await recordAudit(db, { ...base, action: 'case_note.created', section: 'restricted' });
		await recordAudit(db, { ...base, action: 'parcours_step.updated', section: 'parcours' });
		await files.close(made.id, ctxA());
		const [c] = await db.insert(consent).values({ caseFileId: made.id, purpose: 'referral', organisationIds: [ids.orgB], language: 'fr', givenOn: '2026-01-01' }).returning({ id: consent.id });
		await db.insert(caseGrant).values({ caseFileId: made.id, organisationId: ids.orgB, sections: ['parcours'], consentId: c!.id, expiresAt: new Date(Date.now() + 30 * day) });
		const subject = (await loadFileSubject(db, made.id))!.subject;

		const owner = caseAccess(actor(ids.workerA, [[ids.orgA, 'worker']]), subject)!;
		const ownerView = await fileTimeline(db, made.id, owner);
		expect(ownerView.entries.map((e) => e.action)).toEqual(['case_file.closed', 'parcours_step.updated', 'case_note.created', 'case_file.created']);
		expect(ownerView.entries[0]).toMatchObject({ actorName: 'workerA', organisationName: 'ILI A', label: 'pro.cases.timeline.case_file.closed' });
		// An action without a label of its own gets the generic one.
		expect(ownerView.entries[1]!.label).toBe('pro.cases.timeline.other');

		const grantee = caseAccess(actor(ids.workerB, [[ids.orgB, 'worker']]), subject)!;
		const granteeView = await fileTimeline(db, made.id, grantee);
		expect(granteeView.entries.map((e) => e.action)).toEqual(['case_file.closed', 'parcours_step.updated', 'case_file.created']);

		// Readers of the owner do not see restricted rows either.
		const reader = caseAccess(actor(ids.coordinatorA, [[ids.orgA, 'reader']]), subject)!;
		expect((await fileTimeline(db, made.id, reader)).entries.map((e) => e.action)).not.toContain('case_note.created');
	});

	it('pages older changes', async () => {
		const db = handle.db;
		const files = createCaseFiles({ db });
		const made = await files.create(person({ firstName: 'Lina', lastName: 'Haddad', birthYear: 1960 }), ctxA());
		if (!made.created) throw new Error('not created');
		for (let i = 0; i < 4; i++) await recordAudit(db, { actorUserId: ids.workerA, organisationId: ids.orgA, subjectType: 'case_file', subjectId: made.id, action: 'case_file.touched' });
		const access = caseAccess(actor(ids.workerA, [[ids.orgA, 'worker']]), (await loadFileSubject(db, made.id))!.subject)!;
		const first = await fileTimeline(db, made.id, access, { limit: 3 });
		expect(first.entries).toHaveLength(3);
		const rest = await fileTimeline(db, made.id, access, { limit: 3, before: first.more! });
		expect(rest.entries.map((e) => e.action)).toEqual(['case_file.touched', 'case_file.created']);
	});
});
