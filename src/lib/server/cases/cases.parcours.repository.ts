import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import { parcours, parcoursStep } from './cases.parcours.table';
import { parcoursSteps, type ParcoursStep } from './cases.parcours.schemas';
import { caseFile } from './cases.table';

export type ParcoursRow = typeof parcours.$inferSelect;
export type StepRow = typeof parcoursStep.$inferSelect;

/** A step not saved yet reads as this (version 1, like the row its first save creates). */
export function blankStep(caseFileId: string, step: ParcoursStep): StepRow {
	const epoch = new Date(0);
	return { caseFileId, step, status: 'todo', startedOn: null, completedOn: null, hoursPlanned: null, hoursDone: null, operatorOrganisationId: null, operatorName: null, details: {}, version: 1, updatedBy: null, createdAt: epoch, updatedAt: epoch };
}

export function blankParcours(caseFileId: string): ParcoursRow {
	const epoch = new Date(0);
	return { caseFileId, obligation: 'unknown', reasonCodes: [], permitOrderedOn: null, deadlineRule: null, deadlineOn: null, currentStep: 'welcome', version: 1, updatedBy: null, createdAt: epoch, updatedAt: epoch };
}

/**
 * The step reached: the first one still to do or in progress, in the Parcours' order;
 * 'completed' when every step is done or not required.
 */
export function currentStepOf(steps: Pick<StepRow, 'step' | 'status'>[]): ParcoursStep | 'completed' {
	const byStep = new Map(steps.map((s) => [s.step, s.status]));
	return parcoursSteps.find((s) => !['done', 'not_required'].includes(byStep.get(s) ?? 'todo')) ?? 'completed';
}

export function createParcoursRepository({ db }: { db: Database }) {
	/** A file's Parcours and its six steps (blank ones where nothing was saved yet). */
	async function load(caseFileId: string): Promise<{ parcours: ParcoursRow; saved: boolean; steps: StepRow[] }> {
		const [row] = await db.select().from(parcours).where(eq(parcours.caseFileId, caseFileId)).limit(1);
		const rows = await db.select().from(parcoursStep).where(eq(parcoursStep.caseFileId, caseFileId));
		const byStep = new Map(rows.map((r) => [r.step, r]));
		return { parcours: row ?? blankParcours(caseFileId), saved: Boolean(row), steps: parcoursSteps.map((s) => byStep.get(s) ?? blankStep(caseFileId, s)) };
	}

	/** Names of the people who last saved (for "saved meanwhile by …"). */
	async function userNames(ids: (string | null)[]): Promise<Map<string, string>> {
		const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
		if (!wanted.length) return new Map();
		const rows = await db.select({ id: userAccount.id, name: userAccount.name }).from(userAccount).where(inArray(userAccount.id, wanted));
		return new Map(rows.map((r) => [r.id, r.name]));
	}

	/** The organisations of the network, for the operator of a step. */
	async function organisations(): Promise<{ id: string; name: string }[]> {
		return db.select({ id: organisation.id, name: organisation.name }).from(organisation).orderBy(organisation.name);
	}

	async function organisationExists(id: string): Promise<boolean> {
		return (await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.id, id)).limit(1)).length > 0;
	}

	return { load, userNames, organisations, organisationExists };
}

/** Writes, inside the caller's transaction. */
export const parcoursWrites = {
	/** Creates the Parcours row at version 1 if it does not exist yet. */
	async ensure(tx: Database, caseFileId: string) {
		await tx.insert(parcours).values({ caseFileId }).onConflictDoNothing();
	},
	async ensureStep(tx: Database, caseFileId: string, step: ParcoursStep) {
		await tx.insert(parcoursStep).values({ caseFileId, step }).onConflictDoNothing();
	},
	/** Saves the obligation form if nobody saved it since `version`; null on a conflict. */
	async updateParcours(tx: Database, caseFileId: string, version: number, values: Partial<ParcoursRow>): Promise<ParcoursRow | null> {
		const [row] = await tx
			.update(parcours)
			.set({ ...values, version: sql`${parcours.version} + 1`, updatedAt: new Date() })
			.where(and(eq(parcours.caseFileId, caseFileId), eq(parcours.version, version)))
			.returning();
		return row ?? null;
	},
	async updateStep(tx: Database, caseFileId: string, step: ParcoursStep, version: number, values: Partial<StepRow>): Promise<StepRow | null> {
		const [row] = await tx
			.update(parcoursStep)
			.set({ ...values, version: sql`${parcoursStep.version} + 1`, updatedAt: new Date() })
			.where(and(eq(parcoursStep.caseFileId, caseFileId), eq(parcoursStep.step, step), eq(parcoursStep.version, version)))
			.returning();
		return row ?? null;
	},
	/** Recomputes the step reached (list filters read it); not a change of the obligation form's version. */
	async refreshCurrentStep(tx: Database, caseFileId: string) {
		const steps = await tx.select({ step: parcoursStep.step, status: parcoursStep.status }).from(parcoursStep).where(eq(parcoursStep.caseFileId, caseFileId));
		await tx.update(parcours).set({ currentStep: currentStepOf(steps) }).where(eq(parcours.caseFileId, caseFileId));
	},
	/** Every change of a file moves it in the worklists ("without movement for N days"). */
	async touchFile(tx: Database, caseFileId: string) {
		await tx.update(caseFile).set({ lastActivityAt: sql`now()` }).where(eq(caseFile.id, caseFileId));
	}
};

/**
 * For the rights part (erasure by anonymisation): the only free text a Parcours holds, the
 * convention's content and a typed operator name, is removed; codes, dates and hours stay for
 * the anonymous statistics. Run inside the erasure's transaction.
 */
export async function eraseParcoursText(tx: Database, caseFileId: string): Promise<void> {
	await tx
		.update(parcoursStep)
		.set({ operatorName: null, details: sql`${parcoursStep.details} - 'content'` })
		.where(eq(parcoursStep.caseFileId, caseFileId));
}

/** For the rights part (export of everything held about the person): the Parcours as plain data. */
export async function exportParcours(db: Database, caseFileId: string) {
	const { parcours: p, saved, steps } = await createParcoursRepository({ db }).load(caseFileId);
	if (!saved) return null;
	return {
		obligation: p.obligation,
		reasons: p.reasonCodes,
		permitOrderedOn: p.permitOrderedOn,
		deadlineRule: p.deadlineRule,
		deadlineOn: p.deadlineOn,
		currentStep: p.currentStep,
		steps: steps.map((s) => ({ step: s.step, status: s.status, startedOn: s.startedOn, completedOn: s.completedOn, hoursPlanned: s.hoursPlanned, hoursDone: s.hoursDone, operatorOrganisationId: s.operatorOrganisationId, operatorName: s.operatorName, details: s.details }))
	};
}
