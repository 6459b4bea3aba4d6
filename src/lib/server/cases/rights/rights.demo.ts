import { inArray } from 'drizzle-orm';
import { auditEvent } from '../../audit/audit.table';
import type { Database } from '../../db/client';
import { organisation, userAccount } from '../../identity/identity.table';
import type { DemoSeeder } from '../../instance/instance';
import { caseFile, caseGrant, consent } from '../cases.table';

/**
 * Demo data of the rights part (fictitious people): at the Maison des Langues de Seraing, a file
 * followed with Herstal through a grant, with a history of readings by both organisations (the
 * access tab and the statement have something to show); a file closed more than five years ago,
 * which the retention job anonymises a minute after the first start (the platform admins' page
 * then shows that run); and a file closed two years ago, which it keeps.
 */
const day = 86_400_000;

/** Fixed ids, so the demo (and its browser test) can link to these files. */
export const rightsDemoFiles = {
	followed: 'd1a0e001-5d4b-4c3a-8e2f-7e1f0a2c0001',
	closedLongAgo: 'd1a0e002-5d4b-4c3a-8e2f-7e1f0a2c0002',
	closedRecently: 'd1a0e003-5d4b-4c3a-8e2f-7e1f0a2c0003'
};

export const rightsDemoSeeder: DemoSeeder = {
	name: 'cases-rights',
	async seed(db: Database) {
		const orgs = await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.name, ['Maison des Langues de Seraing (fictive)', 'Espace Rencontres Herstal (fictif)']));
		const ili = orgs.find((o) => o.name.startsWith('Maison'))?.id;
		const herstal = orgs.find((o) => o.name.startsWith('Espace'))?.id;
		if (!ili || !herstal) return;
		const emails = ['ili.travailleur@demo.passerelle.be', 'ili.coordination@demo.passerelle.be', 'herstal@demo.passerelle.be'];
		const users = await db.select({ id: userAccount.id, email: userAccount.email }).from(userAccount).where(inArray(userAccount.email, emails));
		const user = (email: string) => users.find((u) => u.email === email)?.id ?? null;
		const [worker, coordinator, hanna] = emails.map(user) as [string | null, string | null, string | null];
		const now = Date.now();
		const ago = (days: number, hour = 10) => new Date(Math.floor((now - days * day) / day) * day + hour * 3_600_000);

		const [followed] = await db
			.insert(caseFile)
			.values([
				{ id: rightsDemoFiles.followed, ownerOrganisationId: ili, firstName: 'Amanuel', lastName: 'Tesfay (fictif)', birthYear: 1994, preferredLanguages: ['ti', 'en'], nisCode: '62096', phone: '+32 470 99 00 11', assignedUserId: worker, createdBy: worker, createdAt: ago(60, 9), lastActivityAt: ago(3) },
				{ id: rightsDemoFiles.closedLongAgo, ownerOrganisationId: ili, firstName: 'Nadia', lastName: 'Exemple (fictive)', birthYear: 1979, preferredLanguages: ['ar', 'fr'], nisCode: '62096', status: 'closed', createdAt: ago(6 * 365 + 200), closedAt: ago(5 * 365 + 60), lastActivityAt: ago(5 * 365 + 60) },
				{ id: rightsDemoFiles.closedRecently, ownerOrganisationId: ili, firstName: 'Rahim', pseudonymous: true, birthYear: 2001, preferredLanguages: ['ps', 'fa'], nisCode: '62096', status: 'closed', createdAt: ago(3 * 365), closedAt: ago(2 * 365), lastActivityAt: ago(2 * 365) }
			])
			.returning({ id: caseFile.id });
		if (!followed) return;
		const [, referral] = await db
			.insert(consent)
			.values([
				{ caseFileId: followed.id, purpose: 'follow_up', language: 'ti', interpreter: true, givenOn: ago(60).toISOString().slice(0, 10), recordedBy: worker },
				{ caseFileId: followed.id, purpose: 'referral', organisationIds: [herstal], sections: ['identity', 'parcours'], language: 'ti', interpreter: true, givenOn: ago(30).toISOString().slice(0, 10), expiresOn: new Date(now + 335 * day).toISOString().slice(0, 10), recordedBy: worker }
			])
			.returning({ id: consent.id });
		await db.insert(caseGrant).values({ caseFileId: followed.id, organisationId: herstal, sections: ['identity', 'parcours'], consentId: referral!.id, grantedAt: ago(28), expiresAt: new Date(now + 62 * day) });

		// Readings as openCaseFile records them (ids and codes only), at past dates.
		const read = (at: Date, actor: string | null, org: string, section: string | null, purpose = 'view') => ({
			at,
			actorUserId: actor,
			organisationId: org,
			action: 'case_file.viewed',
			subjectType: 'case_file',
			subjectId: followed.id,
			section,
			purpose,
			details: { owner: org === ili }
		});
		await db.insert(auditEvent).values([
			read(ago(60, 9), worker, ili, null),
			read(ago(60, 10), worker, ili, 'identity'),
			read(ago(45), worker, ili, 'parcours'),
			read(ago(30), coordinator, ili, null),
			read(ago(27, 14), hanna, herstal, null),
			read(ago(27, 15), hanna, herstal, 'parcours'),
			read(ago(12), hanna, herstal, 'identity'),
			read(ago(3), worker, ili, 'notes', 'edit')
		]);
	}
};
