import { inArray } from 'drizzle-orm';
import type { Locale } from '$lib/i18n/locales';
import type { Translate } from '$lib/i18n/translator';
import { addMonths, daysBetween, guidance } from './cases.parcours.deadline';
import { reasonLabel, type ReasonRow } from './cases.parcours.reasons';
import type { ParcoursRow, StepRow } from './cases.parcours.repository';
import { welcomeTicks, type ParcoursStep } from './cases.parcours.schemas';
import type { WorklistRow } from './cases.parcours.worklist';
import { caseAccess } from './cases.policy';
import { grantsOf } from './cases.scope';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import type { Actor } from '../policy/policy';

export type FormValues = Record<string, string | string[]>;

/** The obligation form as the page fills it from what is stored. */
export function obligationValues(p: ParcoursRow): FormValues {
	return { version: String(p.version), obligation: p.obligation, reasons: p.reasonCodes, permitOrderedOn: p.permitOrderedOn ?? '' };
}

/** A step's form as the page fills it from what is stored (welcome items: a tick and its date). */
export function stepValues(s: StepRow): FormValues {
	const d = s.details as { ticks?: Record<string, string>; testOn?: string | null; testLevel?: string | null; content?: string | null };
	const out: FormValues = {
		version: String(s.version),
		step: s.step,
		status: s.status,
		startedOn: s.startedOn ?? '',
		completedOn: s.completedOn ?? '',
		hoursPlanned: s.hoursPlanned === null ? '' : String(s.hoursPlanned),
		hoursDone: s.hoursDone === null ? '' : String(s.hoursDone),
		operatorOrganisationId: s.operatorOrganisationId ?? '',
		operatorName: s.operatorName ?? ''
	};
	if (s.step === 'welcome') {
		for (const t of welcomeTicks) {
			const on = d.ticks?.[t];
			if (on) out[t] = 'on';
			out[`${t}On`] = on ?? '';
		}
		out.testOn = d.testOn ?? '';
		out.testLevel = d.testLevel ?? '';
	}
	if (s.step === 'convention') out.content = d.content ?? '';
	return out;
}

const saved = (at: Date, by: string | null, names: Map<string, string>) => (at.getTime() > 0 ? { at: at.toISOString(), by: by ? (names.get(by) ?? null) : null } : null);

/**
 * What the Parcours tab shows: the obligation and its deadline (days left from today), each
 * step with its guidance, the reasons in the page's language (active ones, and inactive ones
 * this file still cites), the operators to choose from.
 */
export function presentParcours(
	view: { parcours: ParcoursRow; steps: StepRow[]; names: Map<string, string> },
	{ reasons, organisations, locale, t, today }: { reasons: ReasonRow[]; organisations: { id: string; name: string }[]; locale: Locale; t: Translate; today: string }
) {
	const p = view.parcours;
	const orgName = new Map(organisations.map((o) => [o.id, o.name]));
	return {
		obligation: {
			obligation: p.obligation,
			reasonCodes: p.reasonCodes,
			permitOrderedOn: p.permitOrderedOn,
			deadlineRule: p.deadlineRule,
			deadlineOn: p.deadlineOn,
			daysLeft: p.deadlineOn ? daysBetween(today, p.deadlineOn) : null,
			currentStep: p.currentStep,
			saved: saved(p.updatedAt, p.updatedBy, view.names)
		},
		steps: view.steps.map((s) => ({
			step: s.step as ParcoursStep,
			status: s.status,
			startedOn: s.startedOn,
			completedOn: s.completedOn,
			hoursPlanned: s.hoursPlanned,
			hoursDone: s.hoursDone,
			operator: s.operatorOrganisationId ? (orgName.get(s.operatorOrganisationId) ?? null) : s.operatorName,
			// French within 16 months of its start, citizenship over about 4.
			expectedEnd: s.startedOn && (s.step === 'french' || s.step === 'citizenship') ? addMonths(s.startedOn, guidance[s.step].months) : null,
			saved: saved(s.updatedAt, s.updatedBy, view.names),
			values: stepValues(s)
		})),
		obligationValues: obligationValues(p),
		reasons: reasons.filter((r) => r.active || p.reasonCodes.includes(r.code)).map((r) => ({ code: r.code, kind: r.kind, label: reasonLabel(r, locale, t), active: r.active })),
		organisations,
		welcomeDone: view.steps.find((s) => s.step === 'welcome')?.status === 'done'
	};
}

export type ParcoursView = ReturnType<typeof presentParcours>;

/**
 * Worklist rows as an actor may see them: each row passed through the policy again (the SQL
 * scope chose them; `caseAccess` decides), the name only with the identity section, the owner
 * named when the file is another organisation's.
 */
export async function presentWorklistRows(db: Database, actor: Actor, rows: WorklistRow[], now: Date) {
	const grants = await grantsOf(db, rows.map((r) => r.id));
	const owners = new Map(
		rows.length ? (await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, [...new Set(rows.map((r) => r.ownerOrganisationId))]))).map((o) => [o.id, o.name]) : []
	);
	return rows.flatMap((r) => {
		const access = caseAccess(actor, { ownerOrganisationId: r.ownerOrganisationId, status: r.status, grants: grants.get(r.id) ?? [], now });
		if (!access?.sections.has('parcours')) return [];
		return [
			{
				id: r.id,
				name: access.sections.has('identity') ? [r.firstName, r.lastName].filter(Boolean).join(' ') : `#${r.id.slice(0, 8)}`,
				pseudonymous: r.pseudonymous,
				owner: access.owner ? null : (owners.get(r.ownerOrganisationId) ?? null),
				deadlineOn: r.deadlineOn,
				daysLeft: r.daysLeft,
				tentative: r.obligation === 'unknown',
				currentStep: r.currentStep,
				lastActivityAt: r.lastActivityAt.toISOString(),
				idleDays: r.idleDays
			}
		];
	});
}
