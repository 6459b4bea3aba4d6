import { and } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import type { OrganisationRole, SignedIn } from '../policy/policy';
import { parcours, parcoursStep } from './cases.parcours.table';
import { parcoursListConditions, worklist } from './cases.parcours.worklist';
import { caseFileScope } from './cases.scope';
import { caseFile, caseGrant, consent } from './cases.table';

// Today is 10 March 2026 in Brussels.
const now = new Date('2026-03-10T10:00:00Z');
const day = 86_400_000;
let handle: DatabaseHandle;
const ids: Record<string, string> = {};

const actor = (memberships: [string, OrganisationRole][]): SignedIn => ({
	kind: 'user',
	userId: '00000000-0000-4000-8000-000000000001',
	sessionId: 's',
	name: 'x',
	email: 'x@x',
	locale: 'fr',
	platformRoles: new Set(),
	memberships: new Map(memberships),
	hasSecondFactor: true,
	secondFactorPassed: true
});

beforeAll(async () => {
	handle = await freshDatabase();
	const repo = createIdentityRepository({ db: handle.db });
	ids.A = (await repo.organisations.create({ name: 'A', kind: 'cri', nisCode: '62063' })).id;
	ids.B = (await repo.organisations.create({ name: 'B', kind: 'ili', nisCode: '62096' })).id;
	ids.worker = (await repo.users.create({ email: 'w@test.be', name: 'W', locale: 'fr' })).id;
	const db = handle.db;
	// Files of A: deadlines passed, coming, far, none; one completed; one exempted; one closed.
	const files: { key: string; owner?: string; nis?: string; idle: number; deadline?: string; step?: string; obligation?: string; status?: string; assigned?: boolean }[] = [
		{ key: 'overdueOld', deadline: '2025-12-01', idle: 40, nis: '62063', assigned: true },
		{ key: 'overdueRecent', deadline: '2026-03-01', idle: 2, nis: '62096' },
		{ key: 'soon', deadline: '2026-03-25', idle: 31, nis: '62063', step: 'french' },
		{ key: 'later', deadline: '2027-01-10', idle: 10, nis: '62063', assigned: true },
		{ key: 'completed', deadline: '2025-11-01', idle: 100, step: 'completed' },
		{ key: 'exempted', obligation: 'exempted', idle: 60 },
		{ key: 'closed', deadline: '2025-10-01', idle: 90, status: 'closed' },
		{ key: 'noParcours', idle: 45 },
		// B's files: one shared with A with the parcours section, one with identity only, one private.
		{ key: 'sharedParcours', owner: 'B', deadline: '2026-02-01', idle: 50 },
		{ key: 'sharedIdentity', owner: 'B', deadline: '2026-01-01', idle: 50 },
		{ key: 'privateB', owner: 'B', deadline: '2026-01-15', idle: 50 }
	];
	for (const f of files) {
		const [row] = await db
			.insert(caseFile)
			.values({ ownerOrganisationId: ids[f.owner ?? 'A']!, firstName: f.key, nisCode: f.nis ?? null, status: f.status ?? 'open', lastActivityAt: new Date(now.getTime() - f.idle * day - 3_600_000), assignedUserId: f.assigned ? ids.worker : null })
			.returning();
		ids[f.key] = row!.id;
		if (f.key === 'noParcours') continue;
		await db.insert(parcours).values({ caseFileId: row!.id, obligation: f.obligation ?? 'obliged', deadlineOn: f.deadline ?? null, deadlineRule: f.deadline ? '3_years' : null, currentStep: f.step ?? 'welcome' });
		if (f.step === 'french') await db.insert(parcoursStep).values({ caseFileId: row!.id, step: 'welcome', status: 'done', completedOn: '2026-01-01' });
	}
	const [c] = await db.insert(consent).values({ caseFileId: ids.sharedParcours!, purpose: 'referral', organisationIds: [ids.A!], sections: ['identity', 'parcours'], language: 'fr', givenOn: '2026-01-01' }).returning();
	await db.insert(caseGrant).values([
		{ caseFileId: ids.sharedParcours!, organisationId: ids.A!, sections: ['identity', 'parcours'], consentId: c!.id, expiresAt: new Date(now.getTime() + 30 * day) },
		{ caseFileId: ids.sharedIdentity!, organisationId: ids.A!, sections: ['identity'], consentId: c!.id, expiresAt: new Date(now.getTime() + 30 * day) }
	]);
});
afterAll(async () => handle?.close());

const names = (rows: { firstName: string }[]) => rows.map((r) => r.firstName);

describe('the worklist', () => {
	it('lists overdue files first passed first, then coming ones by days left, only those whose Parcours the actor sees', async () => {
		const w = await worklist(handle.db, actor([[ids.A!, 'worker']]), { idleDays: 30 }, now);
		expect(names(w.overdue)).toEqual(['overdueOld', 'sharedParcours', 'overdueRecent']);
		expect(w.overdue.map((r) => r.daysLeft)).toEqual([-99, -37, -9]);
		expect(names(w.coming)).toEqual(['soon', 'later']);
		expect(w.coming[0]!.daysLeft).toBe(15);
		expect(w.totals).toMatchObject({ overdue: 3, coming: 2 });
	});

	it('lists files without movement for N days, the longest first, N chosen by the worker', async () => {
		const a = actor([[ids.A!, 'worker']]);
		const w30 = await worklist(handle.db, a, { idleDays: 30 }, now);
		expect(names(w30.idle)).toEqual(['completed', 'exempted', 'sharedParcours', 'noParcours', 'overdueOld', 'soon']);
		expect(w30.idle.map((r) => r.idleDays)).toEqual([100, 60, 50, 45, 40, 31]);
		const w45 = await worklist(handle.db, a, { idleDays: 45 }, now);
		expect(names(w45.idle)).toEqual(['completed', 'exempted', 'sharedParcours', 'noParcours']);
	});

	it('filters by municipality and by worker', async () => {
		const a = actor([[ids.A!, 'worker']]);
		const seraing = await worklist(handle.db, a, { idleDays: 30, nisCode: '62096' }, now);
		expect([...names(seraing.overdue), ...names(seraing.coming), ...names(seraing.idle)]).toEqual(['overdueRecent']);
		const mine = await worklist(handle.db, a, { idleDays: 30, workerId: ids.worker }, now);
		expect([...names(mine.overdue), ...names(mine.coming)]).toEqual(['overdueOld', 'later']);
	});

	it('shows nothing to an organisation without files, and B sees its own files only', async () => {
		const none = await worklist(handle.db, actor([]), { idleDays: 30 }, now);
		expect(none.totals).toEqual({ overdue: 0, coming: 0, idle: 0 });
		const b = await worklist(handle.db, actor([[ids.B!, 'reader']]), { idleDays: 30 }, now);
		expect(names(b.overdue)).toEqual(['sharedIdentity', 'privateB', 'sharedParcours']);
	});
});

describe('the Parcours filters of the main list', () => {
	const list = async (filters: { step?: string; deadline?: string }) => {
		const a = actor([[ids.A!, 'worker']]);
		const rows = await handle.db
			.select({ firstName: caseFile.firstName })
			.from(caseFile)
			.where(and(caseFileScope(a, now), ...parcoursListConditions({ ...filters, actor: a, now })))
			.orderBy(caseFile.firstName);
		return names(rows);
	};

	it('filters by deadline and by the step reached, never through a grant without the parcours section', async () => {
		expect(await list({ deadline: 'overdue' })).toEqual(['closed', 'overdueOld', 'overdueRecent', 'sharedParcours']);
		expect(await list({ deadline: 'within30' })).toEqual(['soon']);
		expect(await list({ deadline: 'within90' })).toEqual(['soon']);
		expect(await list({ deadline: 'later' })).toEqual(['later']);
		expect(await list({ deadline: 'none' })).toEqual(['completed', 'exempted', 'noParcours']);
		expect(await list({ step: 'french' })).toEqual(['soon']);
		expect(await list({ step: 'completed' })).toEqual(['completed']);
		expect(await list({ step: 'french', deadline: 'overdue' })).toEqual([]);
		// Unknown values are ignored: the whole scope, the identity-only grant included.
		expect(await list({ step: 'nonsense' })).toContain('sharedIdentity');
	});
});
