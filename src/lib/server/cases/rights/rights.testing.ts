import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { createIdentityRepository } from '../../identity/identity.repository';
import type { OrganisationRole, SignedIn } from '../../policy/policy';
import { caseAccess } from '../cases.policy';
import { loadFileSubject } from '../cases.scope';
import { caseFile, caseGrant, consent } from '../cases.table';
import { createDocumentStore } from '../cases.documents.storage';
import { useCaseContentDeps } from '../cases.notes.rights';
import { buildKeyring } from '../restricted-crypto';

/**
 * Test fixtures of the rights suites: two organisations (A owns the file, B follows the person
 * through a grant), a worker in each, and a file whose identity is easy to search for.
 */
export const person = {
	firstName: 'Zerihun',
	lastName: 'Weldemariam',
	birthDate: '1987-03-14',
	phone: '+32 470 12 34 56',
	email: 'zerihun.w@example.org',
	preferredLanguages: ['ti', 'fr'],
	nisCode: '62096'
};

export type Fixture = Awaited<ReturnType<typeof seedRightsFixture>>;

export async function seedRightsFixture(db: Database, { suffix = '' }: { suffix?: string } = {}) {
	const repo = createIdentityRepository({ db });
	const orgA = await repo.organisations.create({ name: `Maison des Langues A${suffix}`, kind: 'ili', nisCode: '62096' });
	const orgB = await repo.organisations.create({ name: `Espace Rencontres B${suffix}`, kind: 'ili', nisCode: '62051' });
	const user = async (name: string, org: string, role: OrganisationRole) => {
		const u = await repo.users.create({ email: `${name.toLowerCase().replace(/\s/g, '.')}${suffix}@rights.test`, name, locale: 'fr', platformRoles: [] });
		await repo.members.add(u.id, org, role);
		return u;
	};
	const workerA = await user('Wanda Worker', orgA.id, 'worker');
	const adminA = await user('Adam Admin', orgA.id, 'admin');
	const workerB = await user('Bruno Partner', orgB.id, 'worker');
	const [file] = await db
		.insert(caseFile)
		.values({ ownerOrganisationId: orgA.id, ...person, birthYear: 1987, assignedUserId: workerA.id, createdBy: workerA.id })
		.returning();
	const [followUp, referral] = await db
		.insert(consent)
		.values([
			{ caseFileId: file!.id, purpose: 'follow_up', language: 'ti', interpreter: true, givenOn: '2026-01-10', recordedBy: workerA.id },
			{ caseFileId: file!.id, purpose: 'referral', organisationIds: [orgB.id], sections: ['identity', 'parcours'], language: 'ti', interpreter: true, givenOn: '2026-01-10', expiresOn: '2027-01-10', recordedBy: workerA.id }
		])
		.returning();
	const [grant] = await db
		.insert(caseGrant)
		.values({ caseFileId: file!.id, organisationId: orgB.id, sections: ['identity', 'parcours'], consentId: referral!.id, expiresAt: new Date(Date.now() + 30 * 86_400_000) })
		.returning();
	return { orgA, orgB, workerA, adminA, workerB, file: file!, consents: [followUp!, referral!], grant: grant! };
}

export function actorOf(user: { id: string; name: string; email: string }, memberships: [string, OrganisationRole][]): SignedIn {
	return {
		kind: 'user',
		userId: user.id,
		sessionId: 'test',
		name: user.name,
		email: user.email,
		locale: 'fr',
		platformRoles: new Set(),
		memberships: new Map(memberships),
		hasSecondFactor: true,
		secondFactorPassed: true
	};
}

/** A read as openCaseFile records it: the policy's access decides the organisation the actor acts for. */
export async function recordRead(db: Database, actor: SignedIn, caseFileId: string, section: string | null = null) {
	const loaded = (await loadFileSubject(db, caseFileId))!;
	const access = caseAccess(actor, loaded.subject);
	if (!access) throw new Error('refused');
	await recordAudit(db, { actorUserId: actor.userId, organisationId: access.organisationId, action: 'case_file.viewed', subjectType: 'case_file', subjectId: caseFileId, section, purpose: 'view', details: { owner: access.owner } });
	return access;
}

/**
 * The notes part's keys and documents folder for a test (which runs no app): a test key and a
 * temporary folder, handed to the part's export and erasure; `done()` removes the folder.
 */
export function useTestCaseContent() {
	const keys = buildKeyring([{ id: 'k1', key: Buffer.alloc(32, 3) }], Buffer.alloc(32, 9));
	const dir = mkdtempSync(path.join(tmpdir(), 'rights-documents-'));
	const store = createDocumentStore(dir);
	useCaseContentDeps({ keys, store });
	return {
		keys,
		store,
		dir,
		done() {
			useCaseContentDeps(null);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
