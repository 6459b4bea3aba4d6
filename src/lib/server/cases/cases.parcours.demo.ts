import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../config/config';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import type { DemoSeeder } from '../instance/instance';
import { addMonths, todayInBrussels } from './cases.parcours.deadline';
import { readStepForm } from './cases.parcours.schemas';
import { createParcours, type ParcoursContext } from './cases.parcours.usecases';
import { caseFile } from './cases.table';

const ILI_NAME = 'Maison des Langues de Seraing (fictive)';
const WORKER_EMAIL = 'ili.travailleur@demo.passerelle.be';

/** Fictitious people, used only when no demo case file exists yet. */
const ownFiles = [
	{ firstName: 'Amal', lastName: 'Haddad (fictive)', birthYear: 1991, preferredLanguages: ['ar', 'fr'] },
	{ firstName: 'Yonas', lastName: 'Tesfay (fictif)', birthYear: 1996, preferredLanguages: ['ti'] },
	{ firstName: 'Oksana', lastName: 'Melnyk (fictive)', birthYear: 1984, preferredLanguages: ['uk', 'ru'] }
];

type Plan = {
	obligation: 'obliged' | 'exempted' | 'dispensed';
	reasons?: string[];
	/** Months between the residence-permit order and today. */
	orderedMonthsAgo?: number;
	steps: Record<string, string>[];
	/** Days since the last change (for "without movement"). */
	idleDays: number;
};

/**
 * Parcours of the demo files of the 'ili' organisation (Maison des Langues de Seraing): one on
 * time in French, one overdue, one with every module followed (its attestation prints), one
 * dispensed. On three fictitious files of its own (Amal, Yonas, Oksana).
 * Written through the use-cases, so versions, the step reached and the timeline are real.
 */
export const parcoursDemoSeeder: DemoSeeder = {
	name: 'parcours',
	async seed(db: Database) {
		const [ili] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, ILI_NAME)).limit(1);
		const [worker] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, WORKER_EMAIL)).limit(1);
		if (!ili || !worker) return;
		// Three files of its own (the other demo files tell other stories: referrals, notes, rights).
		const files = await db
			.insert(caseFile)
			.values(ownFiles.map((f) => ({ ...f, ownerOrganisationId: ili.id, nisCode: '62096', assignedUserId: worker.id, createdBy: worker.id })))
			.returning({ id: caseFile.id });
		const today = todayInBrussels();
		const ago = (months: number, days = 0) => {
			const d = new Date(`${addMonths(today, -months)}T12:00:00Z`);
			d.setUTCDate(d.getUTCDate() - days);
			return d.toISOString().slice(0, 10);
		};
		const welcomeDone = (months: number) => ({
			step: 'welcome',
			status: 'done',
			startedOn: ago(months, 7),
			completedOn: ago(months),
			socialAssessmentOn: ago(months, 7),
			...Object.fromEntries(['housing', 'health', 'mobility', 'employment', 'training', 'education'].map((t) => [`theme_${t}On`, ago(months, 3)])),
			formalitiesOn: ago(months),
			testOn: ago(months, 5),
			testLevel: 'a1'
		});
		const convention = (months: number) => ({ step: 'convention', status: 'done', startedOn: ago(months), completedOn: ago(months), content: 'Français (400 h), citoyenneté (60 h), orientation socio-professionnelle avec le FOREM.' });
		const plans: Plan[] = [
			{
				obligation: 'obliged',
				orderedMonthsAgo: 8,
				steps: [welcomeDone(7), convention(7), { step: 'french', status: 'in_progress', startedOn: ago(6), hoursPlanned: '400', hoursDone: '180', operatorOrganisationId: ili.id }],
				idleDays: 3
			},
			{
				obligation: 'obliged',
				orderedMonthsAgo: 40,
				steps: [welcomeDone(38), convention(38), { step: 'french', status: 'in_progress', startedOn: ago(36), hoursPlanned: '400', hoursDone: '120', operatorOrganisationId: ili.id }],
				idleDays: 45
			},
			{
				obligation: 'obliged',
				orderedMonthsAgo: 20,
				steps: [
					welcomeDone(19),
					convention(19),
					{ step: 'french', status: 'done', startedOn: ago(18), completedOn: ago(4), hoursPlanned: '400', hoursDone: '400', operatorOrganisationId: ili.id },
					{ step: 'citizenship', status: 'done', startedOn: ago(8), completedOn: ago(4), hoursPlanned: '60', hoursDone: '60', operatorOrganisationId: ili.id },
					{ step: 'orientation', status: 'in_progress', startedOn: ago(3), hoursPlanned: '20', hoursDone: '8', operatorName: 'FOREM Liège (démo)' }
				],
				idleDays: 12
			},
			{ obligation: 'dispensed', reasons: ['medical'], orderedMonthsAgo: 5, steps: [welcomeDone(4)], idleDays: 60 }
		];
		const p = createParcours({ db, cutoff: loadConfig().parcoursDeadlineCutoff });
		const ctx: ParcoursContext = { actorUserId: worker.id, organisationId: ili.id, ipHash: null };
		for (const [i, file] of files.entries()) {
			const plan = plans[i]!;
			await p.saveObligation(ctx, file.id, { version: 1, obligation: plan.obligation, reasons: plan.reasons ?? [], permitOrderedOn: plan.orderedMonthsAgo ? ago(plan.orderedMonthsAgo) : null });
			for (const values of plan.steps) {
				const form = readStepForm({ version: '1', ...values }, today);
				if (!form.ok) throw new Error(`demo parcours: ${JSON.stringify(form.errors)}`);
				await p.saveStep(ctx, file.id, form.data);
			}
			await db
				.update(caseFile)
				.set({ lastActivityAt: sql`now() - make_interval(days => ${plan.idleDays})` })
				.where(eq(caseFile.id, file.id));
		}
	}
};
