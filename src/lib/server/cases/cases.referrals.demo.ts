import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import type { DemoSeeder } from '../instance/instance';
import { createConsents } from './cases.consents.usecases';
import { addMonths, brusselsDay } from './cases.dates';
import { createReferrals } from './cases.referrals.usecases';
import { caseFile } from './cases.table';

/**
 * Fictitious files to show consents and referrals (fixed ids, so that the browser test and a
 * demo can open them): the Seraing ILI's "Nour Exemple" has no consent yet; "Dawit Fictif" was
 * referred to the Huy CISP 12 days ago (waiting, reminded by the hourly job); "Olena Exemple"
 * is followed by the Waremme CPAS too (accepted referral, grant on identity and social
 * follow-up); the Herstal ILI referred "Samir Démo" to the Seraing ILI two days ago.
 */
export const demoCaseFiles = {
	noConsent: '7d6b8c2e-1f00-4c0e-9a51-000000000001',
	waiting: '7d6b8c2e-1f00-4c0e-9a51-000000000002',
	shared: '7d6b8c2e-1f00-4c0e-9a51-000000000003',
	incoming: '7d6b8c2e-1f00-4c0e-9a51-000000000004'
} as const;

const ORGS = {
	ili: 'Maison des Langues de Seraing (fictive)',
	ili2: 'Espace Rencontres Herstal (fictif)',
	cisp: 'Atelier Tremplin Huy (fictif)',
	cpas: 'CPAS de Waremme (démo)'
};

export const referralsDemoSeeder: DemoSeeder = {
	name: 'cases-referrals',
	async seed(db: Database) {
		const orgRows = await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.name, Object.values(ORGS)));
		const org = (key: keyof typeof ORGS) => orgRows.find((o) => o.name === ORGS[key])?.id;
		const userId = async (email: string) => (await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, email)))[0]?.id;
		const [ili, ili2, cisp, cpas] = [org('ili'), org('ili2'), org('cisp'), org('cpas')];
		const worker = await userId('ili.travailleur@demo.passerelle.be');
		const herstal = await userId('herstal@demo.passerelle.be');
		const cpasWorker = await userId('cpas@demo.passerelle.be');
		if (!ili || !ili2 || !cisp || !cpas || !worker || !herstal || !cpasWorker) return;

		const now = new Date();
		const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
		const dayOf = (d: Date) => brusselsDay(d);
		await db.insert(caseFile).values([
			{ id: demoCaseFiles.noConsent, ownerOrganisationId: ili, firstName: 'Nour', lastName: 'Exemple', birthYear: 1994, preferredLanguages: ['ar', 'fr'], nisCode: '62096', assignedUserId: worker, createdBy: worker },
			{ id: demoCaseFiles.waiting, ownerOrganisationId: ili, firstName: 'Dawit', lastName: 'Fictif', birthYear: 1999, preferredLanguages: ['ti'], nisCode: '62096', assignedUserId: worker, createdBy: worker },
			{ id: demoCaseFiles.shared, ownerOrganisationId: ili, firstName: 'Olena', lastName: 'Exemple', birthYear: 1987, preferredLanguages: ['uk', 'ru'], nisCode: '62096', assignedUserId: worker, createdBy: worker },
			{ id: demoCaseFiles.incoming, ownerOrganisationId: ili2, firstName: 'Samir', lastName: 'Démo', birthYear: 2001, preferredLanguages: ['fa'], nisCode: '62051', createdBy: herstal }
		]);
		const consents = createConsents({ db });
		const referrals = createReferrals({ db });
		const fileOf = async (id: string) => (await db.select().from(caseFile).where(eq(caseFile.id, id)))[0]!;
		const asWorker = { actorUserId: worker, organisationId: ili };
		const consent = (purpose: 'follow_up' | 'referral' | 'statistics', organisations: string[], sections: ('identity' | 'parcours' | 'social')[], language: string, interpreter: boolean, given: Date) => ({
			purpose,
			organisations,
			sections,
			language,
			interpreter,
			givenOn: dayOf(given),
			expiresOn: addMonths(dayOf(given), 12)
		});

		// Dawit: follow-up and referral to the Huy CISP, explained in Tigrinya with an interpreter; referral waiting 12 days.
		const dawit = await fileOf(demoCaseFiles.waiting);
		await consents.record(dawit, consent('follow_up', [], [], 'ti', true, daysAgo(40)), asWorker, daysAgo(40));
		await consents.record(dawit, consent('referral', [cisp], ['identity', 'parcours'], 'ti', true, daysAgo(13)), asWorker, daysAgo(13));
		await referrals.send(dawit, { toOrganisationId: cisp, toServiceId: null, purpose: 'isp', sections: ['identity', 'parcours'], message: 'Dawit a terminé le module A2 et cherche une formation en cuisine. Disponible le matin.' }, asWorker, daysAgo(12));

		// Olena: referral to the Waremme CPAS, accepted a week ago; counted in statistics.
		const olena = await fileOf(demoCaseFiles.shared);
		await consents.record(olena, consent('statistics', [], [], 'uk', false, daysAgo(20)), asWorker, daysAgo(20));
		await consents.record(olena, consent('referral', [cpas], ['identity', 'social'], 'uk', false, daysAgo(20)), asWorker, daysAgo(20));
		const toCpas = await referrals.send(olena, { toOrganisationId: cpas, toServiceId: null, purpose: 'social_help', sections: ['identity', 'social'], message: 'Demande d’aide pour le loyer, rendez-vous souhaité en ukrainien ou en russe.' }, asWorker, daysAgo(19));
		if (toCpas.ok) await referrals.accept(toCpas.id, { actorUserId: cpasWorker, organisationId: cpas }, daysAgo(7));

		// Samir (Herstal): referred to the Seraing ILI for French classes two days ago, with his name shared.
		const samir = await fileOf(demoCaseFiles.incoming);
		const asHerstal = { actorUserId: herstal, organisationId: ili2 };
		await consents.record(samir, consent('referral', [ili], ['identity', 'parcours'], 'fa', true, daysAgo(3)), asHerstal, daysAgo(3));
		await referrals.send(samir, { toOrganisationId: ili, toServiceId: null, purpose: 'fle', sections: ['identity', 'parcours'], message: 'Cherche un cours de français A1 en soirée, près de Seraing.' }, asHerstal, daysAgo(2));
	}
};
