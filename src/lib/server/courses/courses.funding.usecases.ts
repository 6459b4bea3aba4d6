import { and, asc, eq, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import { caseFile } from '../cases/cases.table';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { chooseRule, hourlyAmount, quarterShare, splitEnvelope, type FundingMode, type FundingRuleRow } from './courses.funding.rules';
import type { RuleForm } from './courses.funding.schemas';
import { fundingRule } from './courses.funding.table';
import { attendance, course, courseSession, enrolment } from './courses.table';
import { quarterBounds, quarterDates, quarterKey, type Quarter } from './quarter';

export type Ctx = { actorUserId: string | null; ipHash: string };

export type CourseFunding = {
	id: string;
	title: string;
	axis: string;
	level: string | null;
	funder: string | null;
	/** Sessions held in the quarter (scheduled, started before the quarter's end and before now). */
	sessions: number;
	/** Of which the register is not locked yet: the figures may still change. */
	unlockedSessions: number;
	minutesGiven: number;
	/** Distinct enrolments with some attended minutes. */
	trainees: number;
	traineeMinutes: number;
	rule: { id: string; label: string; mode: FundingMode; amountCents: number } | null;
	/** Euro cents; null when no rule applies. */
	amountCents: number | null;
};
export type FunderTotal = { funder: string; courses: number; sessions: number; unlockedSessions: number; minutesGiven: number; traineeMinutes: number; amountCents: number; withoutRule: number };
export type Justification = {
	organisation: { id: string; name: string; kind: string };
	quarter: Quarter;
	courses: CourseFunding[];
	totals: FunderTotal[];
	unlockedSessions: number;
	withoutRule: number;
};
export type TraineeRow = { enrolmentId: string; reference: string; firstName: string; lastInitial: string; courseId: string; courseTitle: string; funder: string | null; sessionsPresent: number; minutes: number };

/** The enrolment's short reference on exports (the first 8 hex digits of its id, upper case). */
export const enrolmentReference = (id: string) => id.replace(/-/g, '').slice(0, 8).toUpperCase();
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Funding: the rules (list, add, end) and an organisation's justification for a quarter, computed
 * by SQL aggregates over the sessions held in the quarter and their attendance.
 */
export function createFunding({ db }: { db: Database }) {
	/** Sessions of the organisation held in the quarter: scheduled, started in [start, min(end, now)). */
	function heldIn(organisationId: string, q: Quarter, now: Date): SQL {
		const { start, end } = quarterBounds(q);
		const until = end < now ? end : now;
		return and(eq(course.organisationId, organisationId), eq(courseSession.status, 'scheduled'), gte(courseSession.startsAt, ts(start)), lt(courseSession.startsAt, ts(until)))!;
	}

	async function rulesFor(q: Quarter): Promise<FundingRuleRow[]> {
		const { from, to } = quarterDates(q);
		return db
			.select()
			.from(fundingRule)
			.where(and(lte(fundingRule.validFrom, to), or(isNull(fundingRule.validTo), gte(fundingRule.validTo, from))));
	}

	async function figures(tx: Database, organisationId: string, q: Quarter, now: Date) {
		const held = heldIn(organisationId, q, now);
		const sessions = await tx
			.select({
				id: course.id,
				title: course.title,
				axis: course.axis,
				level: course.level,
				funder: course.funder,
				sessions: sql<number>`count(*)::int`,
				unlockedSessions: sql<number>`(count(*) filter (where ${courseSession.lockedAt} is null))::int`,
				minutesGiven: sql<number>`coalesce(sum(${courseSession.minutes}), 0)::int`
			})
			.from(courseSession)
			.innerJoin(course, eq(course.id, courseSession.courseId))
			.where(held)
			.groupBy(course.id)
			.orderBy(asc(course.title));
		const presence = await tx
			.select({
				courseId: courseSession.courseId,
				trainees: sql<number>`(count(distinct ${attendance.enrolmentId}) filter (where ${attendance.minutes} > 0))::int`,
				traineeMinutes: sql<number>`coalesce(sum(${attendance.minutes}), 0)::int`
			})
			.from(attendance)
			.innerJoin(courseSession, eq(courseSession.id, attendance.sessionId))
			.innerJoin(course, eq(course.id, courseSession.courseId))
			.where(held)
			.groupBy(courseSession.courseId);
		const byCourse = new Map(presence.map((p) => [p.courseId, p]));
		return sessions.map((s) => ({ ...s, trainees: byCourse.get(s.id)?.trainees ?? 0, traineeMinutes: byCourse.get(s.id)?.traineeMinutes ?? 0 }));
	}

	/** Applies the rules: hourly modes per course, envelopes split between the courses they cover. */
	function price(rows: Awaited<ReturnType<typeof figures>>, rules: FundingRuleRow[], kind: string, q: Quarter): CourseFunding[] {
		const priced: CourseFunding[] = rows.map((r) => {
			const rule = chooseRule(rules, { funder: r.funder, axis: r.axis, organisationKind: kind }, q);
			const amountCents = !rule ? null : rule.mode === 'per_trainee_hour' ? hourlyAmount(r.traineeMinutes, rule.amountCents) : rule.mode === 'per_course_hour' ? hourlyAmount(r.minutesGiven, rule.amountCents) : 0;
			return { ...r, rule: rule && { id: rule.id, label: rule.label, mode: rule.mode as FundingMode, amountCents: rule.amountCents }, amountCents };
		});
		for (const rule of rules.filter((r) => r.mode === 'envelope')) {
			const covered = priced.filter((c) => c.rule?.id === rule.id);
			const parts = splitEnvelope(quarterShare(rule.amountCents), covered.map((c) => c.traineeMinutes));
			covered.forEach((c, i) => (c.amountCents = parts[i]!));
		}
		return priced;
	}

	function totalsOf(courses: CourseFunding[]): FunderTotal[] {
		const totals = new Map<string, FunderTotal>();
		for (const c of courses) {
			const key = c.funder ?? '';
			const t = totals.get(key) ?? { funder: key, courses: 0, sessions: 0, unlockedSessions: 0, minutesGiven: 0, traineeMinutes: 0, amountCents: 0, withoutRule: 0 };
			t.courses += 1;
			t.sessions += c.sessions;
			t.unlockedSessions += c.unlockedSessions;
			t.minutesGiven += c.minutesGiven;
			t.traineeMinutes += c.traineeMinutes;
			t.amountCents += c.amountCents ?? 0;
			if (!c.rule) t.withoutRule += 1;
			totals.set(key, t);
		}
		return [...totals.values()].sort((a, b) => (a.funder === '' ? 1 : b.funder === '' ? -1 : a.funder.localeCompare(b.funder)));
	}

	/**
	 * Per trainee (the funder asks for it): reference, first name and initial, sessions present and
	 * minutes in the quarter. Personal data: read only by the audited export.
	 */
	async function traineeRows(tx: Database, organisationId: string, q: Quarter, now: Date): Promise<TraineeRow[]> {
		const rows = await tx
			.select({
				enrolmentId: enrolment.id,
				firstName: sql<string>`coalesce(${enrolment.firstName}, ${caseFile.firstName}, '')`,
				lastName: sql<string>`coalesce(${enrolment.lastName}, ${caseFile.lastName}, '')`,
				courseId: course.id,
				courseTitle: course.title,
				funder: course.funder,
				sessionsPresent: sql<number>`(count(*) filter (where ${attendance.minutes} > 0))::int`,
				minutes: sql<number>`coalesce(sum(${attendance.minutes}), 0)::int`
			})
			.from(attendance)
			.innerJoin(courseSession, eq(courseSession.id, attendance.sessionId))
			.innerJoin(course, eq(course.id, courseSession.courseId))
			.innerJoin(enrolment, eq(enrolment.id, attendance.enrolmentId))
			.leftJoin(caseFile, eq(caseFile.id, enrolment.caseFileId))
			.where(heldIn(organisationId, q, now))
			.groupBy(enrolment.id, caseFile.id, course.id)
			.having(sql`sum(${attendance.minutes}) > 0`)
			.orderBy(asc(course.title), asc(enrolment.id));
		return rows
			.sort((a, b) => a.courseTitle.localeCompare(b.courseTitle, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'))
			.map(({ lastName, ...r }) => ({ ...r, reference: enrolmentReference(r.enrolmentId), lastInitial: lastName ? `${[...lastName.trim()][0]?.toUpperCase() ?? ''}.` : '' }));
	}

	return {
		/** Every rule, the open ones first. */
		async listRules(): Promise<FundingRuleRow[]> {
			return db.select().from(fundingRule).orderBy(sql`${fundingRule.endedAt} is not null`, asc(fundingRule.funder), sql`${fundingRule.axis} nulls last`, asc(fundingRule.validFrom));
		},

		async createRule(input: RuleForm, ctx: Ctx): Promise<FundingRuleRow> {
			return db.transaction(async (tx) => {
				const [row] = await tx
					.insert(fundingRule)
					.values({ funder: input.funder, label: input.label, axis: input.axis, organisationKind: input.organisationKind, mode: input.mode, amountCents: input.amount, validFrom: input.validFrom, validTo: input.validTo, createdBy: ctx.actorUserId })
					.returning();
				await recordAudit(tx, { actorUserId: ctx.actorUserId, action: 'courses.funding.rule_created', subjectType: 'funding_rule', subjectId: row!.id, ipHash: ctx.ipHash, details: { funder: row!.funder, axis: row!.axis, mode: row!.mode, amountCents: row!.amountCents, validFrom: row!.validFrom } });
				return row!;
			});
		},

		/** Ends a rule on a day (inclusive): it stays for the quarters before. */
		async endRule(id: string, endOn: string, ctx: Ctx): Promise<{ ok: true } | { ok: false; notFound?: true; errors?: Record<string, string> }> {
			return db.transaction(async (tx) => {
				const [row] = await tx.select().from(fundingRule).where(eq(fundingRule.id, id)).for('update');
				if (!row) return { ok: false, notFound: true };
				if (row.endedAt) return { ok: false, errors: { endOn: 'courses.funding.errors.alreadyEnded' } };
				if (endOn < row.validFrom) return { ok: false, errors: { endOn: 'courses.funding.errors.endBeforeStart' } };
				const validTo = row.validTo && row.validTo < endOn ? row.validTo : endOn;
				await tx.update(fundingRule).set({ validTo, endedAt: new Date(), endedBy: ctx.actorUserId }).where(eq(fundingRule.id, id));
				await recordAudit(tx, { actorUserId: ctx.actorUserId, action: 'courses.funding.rule_ended', subjectType: 'funding_rule', subjectId: id, ipHash: ctx.ipHash, details: { validTo } });
				return { ok: true };
			});
		},

		/** Organisations that run courses (the sector's choice on the justification page). */
		async organisationsWithCourses(): Promise<{ id: string; name: string }[]> {
			return db.selectDistinct({ id: organisation.id, name: organisation.name }).from(organisation).innerJoin(course, eq(course.organisationId, organisation.id)).orderBy(asc(organisation.name));
		},

		async organisation(id: string) {
			const [row] = await db.select({ id: organisation.id, name: organisation.name, kind: organisation.kind }).from(organisation).where(eq(organisation.id, id));
			return row ?? null;
		},

		/** The justification of a quarter (counts and amounts, no names); the view is audited. */
		async justification(org: { id: string; name: string; kind: string }, q: Quarter, ctx: Ctx & { action?: string; format?: string }, now = new Date()): Promise<Justification> {
			const rules = await rulesFor(q);
			return db.transaction(async (tx) => {
				const courses = price(await figures(tx, org.id, q, now), rules, org.kind, q);
				const totals = totalsOf(courses);
				const details: Record<string, string | number> = { quarter: quarterKey(q), courses: courses.length };
				if (ctx.format) details.format = ctx.format;
				await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId: org.id, action: ctx.action ?? 'courses.funding.viewed', subjectType: 'organisation', subjectId: org.id, ipHash: ctx.ipHash, details });
				return { organisation: org, quarter: q, courses, totals, unlockedSessions: courses.reduce((a, c) => a + c.unlockedSessions, 0), withoutRule: courses.filter((c) => !c.rule).length };
			});
		},

		/** The export: the justification and its trainees read and audited in one transaction (personal data). */
		async exportData(org: { id: string; name: string; kind: string }, q: Quarter, format: 'xlsx' | 'csv', ctx: Ctx, now = new Date()) {
			const rules = await rulesFor(q);
			return db.transaction(async (tx) => {
				const courses = price(await figures(tx, org.id, q, now), rules, org.kind, q);
				const trainees = format === 'xlsx' ? await traineeRows(tx, org.id, q, now) : [];
				await recordAudit(tx, {
					actorUserId: ctx.actorUserId,
					organisationId: org.id,
					action: 'courses.funding.exported',
					subjectType: 'organisation',
					subjectId: org.id,
					section: format === 'xlsx' ? 'trainees' : null,
					purpose: 'funding_justification',
					ipHash: ctx.ipHash,
					details: { quarter: quarterKey(q), format, courses: courses.length, trainees: trainees.length }
				});
				const justification: Justification = { organisation: org, quarter: q, courses, totals: totalsOf(courses), unlockedSessions: courses.reduce((a, c) => a + c.unlockedSessions, 0), withoutRule: courses.filter((c) => !c.rule).length };
				return { justification, trainees };
			});
		}
	};
}
export type Funding = ReturnType<typeof createFunding>;
