import type { Database } from '../db/client';
import type { DemoSeeder } from '../instance/instance';
import type { OrganisationRole, PlatformRole } from '../policy/policy';
import { createIdentityRepository } from './identity.repository';
import type { OrganisationKind } from './identity.schemas';

/** The password of every demo account (listed in the README). Demo instances only. */
export const DEMO_PASSWORD = 'passerelle-demo';

type DemoOrg = { key: string; name: string; kind: OrganisationKind; nisCode: string; street: string; postalCode: string; axes: string[] };

// Fictitious organisations: names and addresses are invented, in real municipalities.
const organisations: DemoOrg[] = [
	{ key: 'cri', name: 'CRIPEL (démo)', kind: 'cri', nisCode: '62063', street: 'Place Xavier Neujean 19b', postalCode: '4000', axes: ['fle', 'citizenship', 'isp', 'interculturality', 'social_legal'] },
	{ key: 'ili', name: 'Maison des Langues de Seraing (fictive)', kind: 'ili', nisCode: '62096', street: 'Rue de la Fictive 12', postalCode: '4100', axes: ['fle', 'citizenship', 'social_legal'] },
	{ key: 'ili2', name: 'Espace Rencontres Herstal (fictif)', kind: 'ili', nisCode: '62051', street: 'Rue Imaginaire 3', postalCode: '4040', axes: ['fle', 'interculturality'] },
	{ key: 'cisp', name: 'Atelier Tremplin Huy (fictif)', kind: 'cisp', nisCode: '61031', street: 'Quai Inventé 8', postalCode: '4500', axes: ['isp'] },
	{ key: 'cpas', name: 'CPAS de Waremme (démo)', kind: 'cpas', nisCode: '64074', street: 'Rue Exemple 1', postalCode: '4300', axes: [] },
	{ key: 'commune', name: 'Service des étrangers d’Ans (démo)', kind: 'municipal_service', nisCode: '62003', street: 'Place Exemple 2', postalCode: '4430', axes: [] },
	{ key: 'setis', name: 'SeTIS Liège (démo)', kind: 'setis', nisCode: '62063', street: 'Rue Modèle 5', postalCode: '4000', axes: [] }
];

type DemoUser = { email: string; name: string; locale: string; platformRoles?: PlatformRole[]; memberships?: [string, OrganisationRole][] };

/** One account per role and kind of organisation. */
export const demoUsers: DemoUser[] = [
	{ email: 'admin@demo.passerelle.be', name: 'Amina Admin', locale: 'fr', platformRoles: ['platform_admin'] },
	{ email: 'editeur@demo.passerelle.be', name: 'Eric Éditeur', locale: 'fr', platformRoles: ['directory_editor'], memberships: [['cri', 'worker']] },
	{ email: 'cri.admin@demo.passerelle.be', name: 'Claire Crispel', locale: 'fr', memberships: [['cri', 'admin']] },
	{ email: 'ili.admin@demo.passerelle.be', name: 'Ilse Admin', locale: 'nl', memberships: [['ili', 'admin']] },
	{ email: 'ili.coordination@demo.passerelle.be', name: 'Karim Coordination', locale: 'fr', memberships: [['ili', 'coordinator']] },
	{ email: 'ili.travailleur@demo.passerelle.be', name: 'Sofia Travailleuse', locale: 'fr', memberships: [['ili', 'worker']] },
	{ email: 'ili.lecteur@demo.passerelle.be', name: 'Louis Lecteur', locale: 'en', memberships: [['ili', 'reader']] },
	{ email: 'herstal@demo.passerelle.be', name: 'Hanna Herstal', locale: 'ar', memberships: [['ili2', 'admin']] },
	{ email: 'cisp@demo.passerelle.be', name: 'Cédric Cisp', locale: 'fr', memberships: [['cisp', 'worker']] },
	{ email: 'cpas@demo.passerelle.be', name: 'Paula Cpas', locale: 'fr', memberships: [['cpas', 'worker']] },
	{ email: 'commune@demo.passerelle.be', name: 'Nadia Commune', locale: 'fr', memberships: [['commune', 'worker']] },
	{ email: 'setis@demo.passerelle.be', name: 'Olek Setis', locale: 'uk', memberships: [['setis', 'coordinator']] }
];

export function identityDemoSeeder(hashPassword: (p: string) => Promise<string>): DemoSeeder {
	return {
		name: 'identity',
		async seed(db: Database) {
			const repo = createIdentityRepository({ db });
			const ids = new Map<string, string>();
			for (const { key, ...o } of organisations) ids.set(key, (await repo.organisations.create(o)).id);
			const passwordHash = await hashPassword(DEMO_PASSWORD);
			for (const u of demoUsers) {
				const user = await repo.users.create({ email: u.email, name: u.name, locale: u.locale, passwordHash, platformRoles: u.platformRoles ?? [] });
				for (const [org, role] of u.memberships ?? []) await repo.members.add(user.id, ids.get(org)!, role);
			}
		}
	};
}
