import type { Database } from '../db/client';
import { createIdentityRepository } from '../identity/identity.repository';
import type { OrganisationRole, SignedIn } from '../policy/policy';
import type { ConsentForm } from './cases.consents.schemas';
import { caseFile } from './cases.table';

/**
 * Test fixtures for consents and referrals (used by the *.test.ts beside it): three ILIs, one
 * worker in each (locales fr, ar, nl), a file owned by the first.
 */
export async function referralWorld(db: Database) {
	const repo = createIdentityRepository({ db });
	const org = async (name: string, nisCode: string) => (await repo.organisations.create({ name, kind: 'ili', nisCode })).id;
	const a = await org('ILI Seraing (test)', '62096');
	const b = await org('ILI Herstal (test)', '62051');
	const c = await org('CISP Huy (test)', '61031');
	const user = async (email: string, locale: string, organisationId: string, role: OrganisationRole) => {
		const u = await repo.users.create({ email, name: email.split('@')[0]!, locale, platformRoles: [] });
		await repo.members.add(u.id, organisationId, role);
		return { id: u.id, email, locale, organisationId, role };
	};
	const workerA = await user('worker.a@test.be', 'fr', a, 'worker');
	const workerB = await user('worker.b@test.be', 'ar', b, 'worker');
	const coordinatorB = await user('coordinator.b@test.be', 'nl', b, 'coordinator');
	const readerB = await user('reader.b@test.be', 'en', b, 'reader');
	const workerC = await user('worker.c@test.be', 'fr', c, 'worker');
	const [file] = await db.insert(caseFile).values({ ownerOrganisationId: a, firstName: 'Yasmina', lastName: 'Testfile', preferredLanguages: ['ar'] }).returning();
	return { orgs: { a, b, c }, users: { workerA, workerB, coordinatorB, readerB, workerC }, file: file! };
}

/** The signed-in actor of a fixture user, with a second factor passed. */
export function actorOf(u: { id: string; email: string; locale: string; organisationId: string; role: OrganisationRole }): SignedIn {
	return {
		kind: 'user',
		userId: u.id,
		sessionId: 's',
		name: u.email,
		email: u.email,
		locale: u.locale,
		platformRoles: new Set(),
		memberships: new Map([[u.organisationId, u.role]]),
		hasSecondFactor: true,
		secondFactorPassed: true
	};
}

/** A consent form as the page would send it (parsed). */
export function consentForm(over: Partial<ConsentForm> = {}): ConsentForm {
	return { purpose: 'referral', organisations: [], sections: ['identity', 'parcours'], language: 'ar', interpreter: true, givenOn: '2026-11-20', expiresOn: '2027-11-20', ...over };
}
