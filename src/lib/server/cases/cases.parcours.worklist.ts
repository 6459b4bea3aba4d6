import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { isSignedIn, type Actor } from '../policy/policy';
import { daysBetween, todayInBrussels } from './cases.parcours.deadline';
import { parcours } from './cases.parcours.table';
import { parcoursSteps } from './cases.parcours.schemas';
import { caseFileScope } from './cases.scope';
import { caseFile, caseGrant } from './cases.table';

export const deadlineFilters = ['overdue', 'within30', 'within90', 'later', 'none'] as const;
export type DeadlineFilter = (typeof deadlineFilters)[number];
export const stepFilters = [...parcoursSteps, 'completed'] as const;
export type StepFilter = (typeof stepFilters)[number];

/** A calendar date plus whole days. */
export function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The owner side of the scope, under its own name inside the subquery. */
const owned_ = alias(caseFile, 'owned_file');

/**
 * The files whose Parcours an actor may see, as SQL: owned by one of their organisations, or
 * reached through an active grant that names the 'parcours' section (a grant of identity alone
 * never reveals a deadline). Combine with `caseFileScope`.
 */
export function parcoursScope(actor: Actor, now = new Date()): SQL {
	if (!isSignedIn(actor) || actor.memberships.size === 0) return sql`false`;
	const orgs = [...actor.memberships.keys()];
	// An IN over a union (not an OR over the whole table) lets the engine start from the actor's
	// few files: the owner index and the grants' organisation index, then a semi-join.
	const owned = sql`select ${owned_.id} from ${caseFile} as ${sql.identifier('owned_file')} where ${inArray(owned_.ownerOrganisationId, orgs)}`;
	const granted = sql`select ${caseGrant.caseFileId} from ${caseGrant} where ${inArray(caseGrant.organisationId, orgs)} and ${caseGrant.revokedAt} is null and ${caseGrant.expiresAt} > ${now.toISOString()} and 'parcours' = any(${caseGrant.sections})`;
	return sql`${caseFile.id} in (${owned} union all ${granted})`;
}

const pending = sql`${parcours.currentStep} <> 'completed'`;

/** The deadline filter on the `parcours` table (joined or in a subquery). */
function deadlineCondition(deadline: Exclude<DeadlineFilter, 'none'>, today: string): SQL {
	switch (deadline) {
		case 'overdue':
			return sql`${parcours.deadlineOn} < ${today} and ${pending}`;
		case 'within30':
			return sql`${parcours.deadlineOn} between ${today} and ${addDays(today, 30)} and ${pending}`;
		case 'within90':
			return sql`${parcours.deadlineOn} between ${today} and ${addDays(today, 90)} and ${pending}`;
		case 'later':
			return sql`${parcours.deadlineOn} > ${addDays(today, 90)} and ${pending}`;
	}
}

/**
 * Conditions on `case_file` for the main list's Parcours filters: the step reached (a step, or
 * 'completed') and the deadline (overdue, within 30 or 90 days, later, none). Only files whose
 * Parcours the actor may see match a filter, so a filter never reveals a Parcours through a grant
 * that does not carry it. Unknown values are ignored. The files list ANDs these with its own.
 */
export function parcoursListConditions({ step, deadline, actor, now = new Date() }: { step?: string | null; deadline?: string | null; actor: Actor; now?: Date }): SQL[] {
	const s = stepFilters.find((x) => x === step);
	const d = deadlineFilters.find((x) => x === deadline);
	if (!s && !d) return [];
	const today = todayInBrussels(now);
	const ofFile = sql`${parcours.caseFileId} = ${caseFile.id}`;
	const out: SQL[] = [parcoursScope(actor, now)];
	if (s) out.push(sql`exists (select 1 from ${parcours} where ${ofFile} and ${parcours.currentStep} = ${s})`);
	// No deadline: no Parcours, or one without a deadline, or one completed.
	if (d === 'none') out.push(sql`not exists (select 1 from ${parcours} where ${ofFile} and ${parcours.deadlineOn} is not null and ${pending})`);
	else if (d) out.push(sql`exists (select 1 from ${parcours} where ${ofFile} and ${deadlineCondition(d, today)})`);
	return out;
}

export type WorklistRow = {
	id: string;
	ownerOrganisationId: string;
	status: string;
	firstName: string;
	lastName: string | null;
	pseudonymous: boolean;
	nisCode: string | null;
	assignedUserId: string | null;
	lastActivityAt: Date;
	obligation: string | null;
	deadlineOn: string | null;
	deadlineRule: string | null;
	currentStep: string | null;
	daysLeft: number | null;
	idleDays: number;
};

export type WorklistFilters = { idleDays: number; nisCode?: string | null; workerId?: string | null; limit?: number };

/**
 * The worklist of an actor: open files in their scope whose Parcours they may see, in three
 * lists: overdue (deadline passed, Parcours not completed), coming (by days left) and without
 * movement for `idleDays` days (oldest first, from `case_file.last_activity_at`); each with its total.
 */
export async function worklist(db: Database, actor: Actor, filters: WorklistFilters, now = new Date()) {
	const today = todayInBrussels(now);
	const limit = filters.limit ?? 100;
	const base: SQL[] = [caseFileScope(actor, now), parcoursScope(actor, now), eq(caseFile.status, 'open')];
	if (filters.nisCode) base.push(eq(caseFile.nisCode, filters.nisCode));
	if (filters.workerId) base.push(eq(caseFile.assignedUserId, filters.workerId));
	const columns = {
		id: caseFile.id,
		ownerOrganisationId: caseFile.ownerOrganisationId,
		status: caseFile.status,
		firstName: caseFile.firstName,
		lastName: caseFile.lastName,
		pseudonymous: caseFile.pseudonymous,
		nisCode: caseFile.nisCode,
		assignedUserId: caseFile.assignedUserId,
		lastActivityAt: caseFile.lastActivityAt,
		obligation: parcours.obligation,
		deadlineOn: parcours.deadlineOn,
		deadlineRule: parcours.deadlineRule,
		currentStep: parcours.currentStep
	};
	const overdueIf = sql`${parcours.deadlineOn} is not null and ${pending} and ${parcours.deadlineOn} < ${today}`;
	const comingIf = sql`${parcours.deadlineOn} is not null and ${pending} and ${parcours.deadlineOn} >= ${today}`;
	const idleSince = new Date(now.getTime() - filters.idleDays * 86_400_000);
	const idleIf = sql`${caseFile.lastActivityAt} < ${idleSince.toISOString()}`;
	const select = () => db.select(columns).from(caseFile).leftJoin(parcours, eq(parcours.caseFileId, caseFile.id));
	const overdue = await select().where(and(...base, overdueIf)).orderBy(asc(parcours.deadlineOn), asc(caseFile.id)).limit(limit);
	const coming = await select().where(and(...base, comingIf)).orderBy(asc(parcours.deadlineOn), asc(caseFile.id)).limit(limit);
	const idle = await select().where(and(...base, idleIf)).orderBy(asc(caseFile.lastActivityAt), asc(caseFile.id)).limit(limit);
	// The three totals in one pass over the actor's files.
	const [totals] = await db
		.select({
			overdue: sql<number>`(count(*) filter (where ${overdueIf}))::int`,
			coming: sql<number>`(count(*) filter (where ${comingIf}))::int`,
			idle: sql<number>`(count(*) filter (where ${idleIf}))::int`
		})
		.from(caseFile)
		.leftJoin(parcours, eq(parcours.caseFileId, caseFile.id))
		.where(and(...base));
	const shape = (r: (typeof overdue)[number]): WorklistRow => ({
		...r,
		daysLeft: r.deadlineOn ? daysBetween(today, r.deadlineOn) : null,
		idleDays: Math.floor((now.getTime() - r.lastActivityAt.getTime()) / 86_400_000)
	});
	return { overdue: overdue.map(shape), coming: coming.map(shape), idle: idle.map(shape), totals: totals!, today };
}
