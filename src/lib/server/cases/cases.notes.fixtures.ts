import { eq } from 'drizzle-orm';
import { caseFile, caseGrant, consent } from './cases.table';
import type { Database } from '../db/client';
import { createIdentityRepository } from '../identity/identity.repository';
import type { OrganisationRole, SignedIn } from '../policy/policy';
import { loadFileSubject } from './cases.scope';
import { caseAccess, type CaseAccess } from './cases.policy';

/**
 * Test fixtures of the notes part (used by its *.test.ts only): two organisations, members with
 * each role, a file of A, and grants of it to B.
 */
let fixtures = 0;

export async function notesFixture(db: Database) {
	const n = ++fixtures;
	const repo = createIdentityRepository({ db });
	const orgA = (await repo.organisations.create({ name: 'ILI A', kind: 'ili', nisCode: '62096' })).id;
	const orgB = (await repo.organisations.create({ name: 'ILI B', kind: 'ili', nisCode: '62063' })).id;
	const people: Record<string, SignedIn> = {};
	const make = async (key: string, org: string, role: OrganisationRole) => {
		const user = await repo.users.create({ email: `${key}.${n}@notes.test`, name: `Person ${key}`, locale: 'fr', platformRoles: [] });
		await repo.members.add(user.id, org, role);
		people[key] = {
			kind: 'user',
			userId: user.id,
			sessionId: 's',
			name: key,
			email: `${key}@notes.test`,
			locale: 'fr',
			platformRoles: new Set(),
			memberships: new Map([[org, role]]),
			hasSecondFactor: true,
			secondFactorPassed: true
		};
	};
	await make('workerA', orgA, 'worker');
	await make('worker2A', orgA, 'worker');
	await make('readerA', orgA, 'reader');
	await make('workerB', orgB, 'worker');
	const [file] = await db.insert(caseFile).values({ ownerOrganisationId: orgA, firstName: 'Testfile' }).returning({ id: caseFile.id });
	const fileId = file!.id;
	/** Grants the file to B on these sections (replacing earlier grants). */
	async function grantToB(sections: string[]) {
		await db.delete(caseGrant).where(eq(caseGrant.caseFileId, fileId));
		if (!sections.length) return;
		const [c] = await db.insert(consent).values({ caseFileId: fileId, purpose: 'referral', organisationIds: [orgB], sections, language: 'fr', givenOn: '2026-01-01' }).returning({ id: consent.id });
		await db.insert(caseGrant).values({ caseFileId: fileId, organisationId: orgB, sections, consentId: c!.id, expiresAt: new Date(Date.now() + 86_400_000) });
	}
	/** What a person sees of the file now. */
	async function access(person: string): Promise<CaseAccess | null> {
		const loaded = await loadFileSubject(db, fileId);
		return caseAccess(people[person]!, loaded!.subject);
	}
	async function subject() {
		return (await loadFileSubject(db, fileId))!.subject;
	}
	const actorOf = (person: string) => ({ userId: people[person]!.userId, organisationId: [...people[person]!.memberships.keys()][0]!, ipHash: 'test' });
	return { orgA, orgB, people, fileId, grantToB, access, subject, actorOf };
}
