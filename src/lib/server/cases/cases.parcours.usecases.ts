import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { deadlineFor, todayInBrussels } from './cases.parcours.deadline';
import { createParcoursReasons } from './cases.parcours.reasons';
import { createParcoursRepository, parcoursWrites, type ParcoursRow, type StepRow } from './cases.parcours.repository';
import type { ObligationForm, StepForm } from './cases.parcours.schemas';

/** Who changes the Parcours: the actor, the organisation they act for, the hashed address. */
export type ParcoursContext = { actorUserId: string; organisationId: string; ipHash: string | null };

export type SaveResult<R> = { ok: true; row: R } | { ok: false; errors: Record<string, string> } | { ok: false; conflict: R };

/**
 * The Parcours d'Intégration of a file: reading it, saving the obligation form and each step.
 * Every save names the version it started from: if someone saved the same form meanwhile, nothing
 * is written and the caller gets the stored row to show beside what was typed (nothing is lost).
 * Each change bumps the file's last activity and records an audit row for the file's timeline.
 */
export function createParcours({ db, cutoff, now = () => new Date() }: { db: Database; cutoff: string; now?: () => Date }) {
	const repo = createParcoursRepository({ db });
	const reasons = createParcoursReasons({ db });

	async function view(caseFileId: string) {
		const loaded = await repo.load(caseFileId);
		const names = await repo.userNames([loaded.parcours.updatedBy, ...loaded.steps.map((s) => s.updatedBy)]);
		return { ...loaded, names };
	}

	/** Exempted and dispensed files need reasons of that kind; obliged or unknown ones none; no order date in the future. */
	async function obligationErrors(form: ObligationForm, current: ParcoursRow): Promise<Record<string, string>> {
		const errors: Record<string, string> = {};
		const today = todayInBrussels(now());
		if (form.permitOrderedOn && form.permitOrderedOn > today) errors.permitOrderedOn = 'pro.errors.dateInFuture';
		const known = new Map((await reasons.list()).map((r) => [r.code, r]));
		const wanted = form.obligation === 'exempted' ? 'exemption' : form.obligation === 'dispensed' ? 'dispensation' : null;
		if (!wanted) {
			if (form.reasons.length) errors.reasons = 'pro.errors.reasonsNotApplicable';
		} else if (!form.reasons.length) {
			errors.reasons = wanted === 'exemption' ? 'pro.errors.exemptionReasonNeeded' : 'pro.errors.dispensationReasonNeeded';
		} else {
			for (const code of form.reasons) {
				const r = known.get(code);
				// An inactive reason stays valid on a file that already cites it.
				if (!r || (!r.active && !current.reasonCodes.includes(code))) errors.reasons = 'pro.errors.invalid';
				else if (r.kind !== wanted) errors.reasons ??= wanted === 'exemption' ? 'pro.errors.exemptionReasonNeeded' : 'pro.errors.dispensationReasonNeeded';
			}
		}
		return errors;
	}

	async function saveObligation(ctx: ParcoursContext, caseFileId: string, form: ObligationForm): Promise<SaveResult<ParcoursRow>> {
		const { parcours: current } = await repo.load(caseFileId);
		const errors = await obligationErrors(form, current);
		if (Object.keys(errors).length) return { ok: false, errors };
		const { rule, deadlineOn } = deadlineFor(form, cutoff);
		return db.transaction(async (t) => {
			const tx = t as unknown as Database;
			await parcoursWrites.ensure(tx, caseFileId);
			const row = await parcoursWrites.updateParcours(tx, caseFileId, form.version, {
				obligation: form.obligation,
				reasonCodes: [...new Set(form.reasons)],
				permitOrderedOn: form.permitOrderedOn,
				deadlineRule: rule,
				deadlineOn,
				updatedBy: ctx.actorUserId
			});
			if (!row) return { ok: false as const, conflict: (await createParcoursRepository({ db: tx }).load(caseFileId)).parcours };
			await parcoursWrites.touchFile(tx, caseFileId);
			await recordAudit(tx, {
				actorUserId: ctx.actorUserId,
				organisationId: ctx.organisationId,
				action: 'parcours.updated',
				subjectType: 'case_file',
				subjectId: caseFileId,
				section: 'parcours',
				ipHash: ctx.ipHash,
				details: { obligation: row.obligation, reasons: row.reasonCodes.join(','), rule: row.deadlineRule, deadline: row.deadlineOn, version: row.version }
			});
			return { ok: true as const, row };
		});
	}

	async function saveStep(ctx: ParcoursContext, caseFileId: string, form: StepForm): Promise<SaveResult<StepRow>> {
		if (form.operatorOrganisationId && !(await repo.organisationExists(form.operatorOrganisationId))) return { ok: false, errors: { operatorOrganisationId: 'pro.errors.invalid' } };
		return db.transaction(async (t) => {
			const tx = t as unknown as Database;
			await parcoursWrites.ensure(tx, caseFileId);
			await parcoursWrites.ensureStep(tx, caseFileId, form.step);
			const row = await parcoursWrites.updateStep(tx, caseFileId, form.step, form.version, {
				status: form.status,
				startedOn: form.startedOn,
				completedOn: form.completedOn,
				hoursPlanned: form.hoursPlanned,
				hoursDone: form.hoursDone,
				operatorOrganisationId: form.operatorOrganisationId,
				operatorName: form.operatorName,
				details: form.details,
				updatedBy: ctx.actorUserId
			});
			if (!row) return { ok: false as const, conflict: (await createParcoursRepository({ db: tx }).load(caseFileId)).steps.find((s) => s.step === form.step)! };
			await parcoursWrites.refreshCurrentStep(tx, caseFileId);
			await parcoursWrites.touchFile(tx, caseFileId);
			await recordAudit(tx, {
				actorUserId: ctx.actorUserId,
				organisationId: ctx.organisationId,
				action: 'parcours.step_updated',
				subjectType: 'case_file',
				subjectId: caseFileId,
				section: 'parcours',
				ipHash: ctx.ipHash,
				details: { step: row.step, status: row.status, hoursDone: row.hoursDone, version: row.version }
			});
			return { ok: true as const, row };
		});
	}

	return { view, saveObligation, saveStep, organisations: repo.organisations, reasons };
}
