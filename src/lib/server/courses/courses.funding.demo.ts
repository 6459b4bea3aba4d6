import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { userAccount } from '../identity/identity.table';
import type { DemoSeeder } from '../instance/instance';
import { fundingRule } from './courses.funding.table';

/**
 * Demo funding rules, after the demo courses (Huy's CISP courses are funded by 'wallonie-cisp',
 * the ILIs' by 'wallonie-ili'). Every amount is fictitious and says so in its label.
 */
const rules: Omit<typeof fundingRule.$inferInsert, 'createdBy'>[] = [
	{ funder: 'wallonie-cisp', label: 'CISP — préformation ISP, par heure-stagiaire (montant fictif de démo)', axis: 'isp', organisationKind: 'cisp', mode: 'per_trainee_hour', amountCents: 340, validFrom: '2025-01-01' },
	{ funder: 'wallonie-cisp', label: 'CISP — PMTIC, enveloppe annuelle fermée (montant fictif de démo)', axis: 'digital', organisationKind: 'cisp', mode: 'envelope', amountCents: 600_000, validFrom: '2025-01-01' },
	{ funder: 'wallonie-ili', label: 'ILI — FLE, par heure de cours donnée (montant fictif de démo)', axis: 'fle', organisationKind: 'ili', mode: 'per_course_hour', amountCents: 4500, validFrom: '2026-01-01' },
	{ funder: 'wallonie-ili', label: 'ILI — FLE, ancien taux (montant fictif de démo)', axis: 'fle', organisationKind: 'ili', mode: 'per_course_hour', amountCents: 4200, validFrom: '2024-01-01', validTo: '2025-12-31', endedAt: new Date('2025-12-15T10:00:00Z') },
	{ funder: 'wallonie-ili', label: 'ILI — citoyenneté, par heure de cours donnée (montant fictif de démo)', axis: 'citizenship', organisationKind: 'ili', mode: 'per_course_hour', amountCents: 5200, validFrom: '2025-01-01' }
];

export const fundingDemoSeeder: DemoSeeder = {
	name: 'courses.funding',
	async seed(db: Database) {
		const [admin] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'admin@demo.passerelle.be'));
		await db.insert(fundingRule).values(rules.map((r) => ({ ...r, createdBy: admin?.id ?? null, endedBy: r.endedAt ? (admin?.id ?? null) : null })));
	}
};
