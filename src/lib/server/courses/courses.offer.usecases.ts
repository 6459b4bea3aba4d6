import { and, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import { caseFile } from '../cases/cases.table';
import type { Database } from '../db/client';
import { publishCourseService, unpublishCourseService } from './courses.offer.directory';
import type { CourseForm, OneSession, WeeklyPattern } from './courses.offer.schemas';
import { refreshCourseFlags } from './courses.offer.repository';
import { sessionAt, weeklyDates } from './courses.sessions';
import { attendance, course, courseSession, enrolment } from './courses.table';
import { activeEnrolmentStatuses } from './courses.types';
import type { CourseRow } from './load-course';

export type OfferCtx = { actorUserId: string; ipHash: string };
type Tx = Database;

/** A change's answer: done, refused for the state the course is in (a catalogue key), or in conflict with another save. */
export type OfferResult<T = object> = ({ ok: true } & T) | { ok: false; state: string } | { ok: false; conflict: { version: number; stored: CourseRow } } | { ok: false; errors: Record<string, string> };

/** The most sessions one pattern may create (a year of daily sessions). */
export const MAX_PLANNED_SESSIONS = 370;

const columns = (f: CourseForm) => ({
	axis: f.axis,
	level: f.level,
	focus: f.focus,
	title: f.title,
	description: f.description,
	nisCode: f.nisCode,
	address: f.address,
	capacity: f.capacity,
	childcarePlaces: f.childcarePlaces,
	interpreterLanguages: f.interpreterLanguages,
	priceCents: f.price,
	languages: f.languages,
	prerequisites: f.prerequisites,
	startsOn: f.startsOn,
	endsOn: f.endsOn,
	totalHours: f.totalHours,
	registrationMode: f.registrationMode,
	funder: f.funder
});

/**
 * The offer's use-cases: a course's life (create, update with optimistic concurrency, publish,
 * archive, cancel) and its sessions (a weekly pattern, one more, one cancelled). Each runs in one
 * transaction with its audit row (subject 'course', ids and codes only); a published course's
 * directory service is rewritten in the same transaction.
 */
export function createCourseOffer({ db }: { db: Database }) {
	const audit = (tx: Tx, row: { id: string; organisationId: string }, action: string, ctx: OfferCtx, details?: Record<string, string | number | boolean | null>) =>
		recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId: row.organisationId, action, subjectType: 'course', subjectId: row.id, ipHash: ctx.ipHash, details });

	/** Locks the course's row for the rest of the transaction and reads it. */
	async function lock(tx: Tx, id: string): Promise<CourseRow | null> {
		const [row] = await tx.select().from(course).where(eq(course.id, id)).for('update');
		return row ?? null;
	}

	/** Keeps the directory in step after a change of a published course (its text, place or sessions). */
	async function resync(tx: Tx, id: string, ctx: OfferCtx) {
		const row = (await tx.select().from(course).where(eq(course.id, id)))[0]!;
		if (row.status !== 'published') return;
		const serviceId = await publishCourseService(tx, row, ctx);
		if (serviceId !== row.serviceId) await tx.update(course).set({ serviceId }).where(eq(course.id, id));
	}

	async function create(organisationId: string, form: CourseForm, ctx: OfferCtx): Promise<string> {
		return db.transaction(async (t) => {
			const tx = t as unknown as Tx;
			const [row] = await tx
				.insert(course)
				.values({ organisationId, ...columns(form), status: 'draft', createdBy: ctx.actorUserId })
				.returning();
			await audit(tx, row!, 'course.created', ctx, { axis: form.axis, level: form.level });
			return row!.id;
		});
	}

	/** Saves the form if nobody saved since `version` was read; otherwise nothing is written and the stored course is returned. */
	async function update(id: string, version: number, form: CourseForm, ctx: OfferCtx): Promise<OfferResult<{ version: number }>> {
		return db.transaction(async (t) => {
			const tx = t as unknown as Tx;
			const current = await lock(tx, id);
			if (!current) return { ok: false, state: 'courses.offer.errors.gone' };
			if (current.status === 'cancelled') return { ok: false, state: 'courses.offer.errors.cancelled' };
			if (current.version !== version) return { ok: false, conflict: { version: current.version, stored: current } };
			const [row] = await tx
				.update(course)
				.set({ ...columns(form), version: sql`${course.version} + 1`, updatedAt: new Date() })
				.where(and(eq(course.id, id), eq(course.version, version)))
				.returning();
			await audit(tx, row!, 'course.updated', ctx, { version: row!.version });
			await resync(tx, id, ctx);
			return { ok: true, version: row!.version };
		});
	}

	/** Draft or archived → published, and listed in the directory as a service of the organisation. */
	async function publish(id: string, ctx: OfferCtx): Promise<OfferResult> {
		return db.transaction(async (t) => {
			const tx = t as unknown as Tx;
			const current = await lock(tx, id);
			if (!current) return { ok: false, state: 'courses.offer.errors.gone' };
			if (current.status === 'published') return { ok: false, state: 'courses.offer.errors.alreadyPublished' };
			if (current.status === 'cancelled') return { ok: false, state: 'courses.offer.errors.cancelled' };
			await tx.update(course).set({ status: 'published', updatedAt: new Date() }).where(eq(course.id, id));
			await resync(tx, id, ctx);
			const [row] = await tx.select({ serviceId: course.serviceId }).from(course).where(eq(course.id, id));
			await audit(tx, current, 'course.published', ctx, { serviceId: row?.serviceId ?? null });
			return { ok: true };
		});
	}

	/** Published or draft → archived: no longer offered; its service leaves the directory. */
	async function archive(id: string, ctx: OfferCtx): Promise<OfferResult> {
		return db.transaction(async (t) => {
			const tx = t as unknown as Tx;
			const current = await lock(tx, id);
			if (!current) return { ok: false, state: 'courses.offer.errors.gone' };
			if (current.status === 'archived' || current.status === 'cancelled') return { ok: false, state: `courses.offer.errors.${current.status}` };
			await tx.update(course).set({ status: 'archived', updatedAt: new Date() }).where(eq(course.id, id));
			await unpublishCourseService(tx, current, ctx);
			await audit(tx, current, 'course.archived', ctx, { from: current.status });
			return { ok: true };
		});
	}

	/**
	 * The course will not take place: its service leaves the directory and every request and place
	 * (waiting, offered, enrolled) ends as cancelled (`course_cancelled`), on the case files too.
	 */
	async function cancel(id: string, ctx: OfferCtx, now = new Date()): Promise<OfferResult<{ enrolments: number }>> {
		return db.transaction(async (t) => {
			const tx = t as unknown as Tx;
			const current = await lock(tx, id);
			if (!current) return { ok: false, state: 'courses.offer.errors.gone' };
			if (current.status === 'cancelled') return { ok: false, state: 'courses.offer.errors.cancelled' };
			await tx.update(course).set({ status: 'cancelled', updatedAt: now }).where(eq(course.id, id));
			await unpublishCourseService(tx, current, ctx);
			const ended = await tx
				.update(enrolment)
				.set({ status: 'cancelled', endedAt: now, endedReason: 'course_cancelled', offerExpiresAt: null, version: sql`${enrolment.version} + 1`, updatedAt: now })
				.where(and(eq(enrolment.courseId, id), inArray(enrolment.status, [...activeEnrolmentStatuses])))
				.returning({ id: enrolment.id, caseFileId: enrolment.caseFileId });
			if (ended.length) {
				await recordAudit(
					tx,
					...ended.map((e) => ({ actorUserId: ctx.actorUserId, organisationId: current.organisationId, action: 'enrolment.cancelled', subjectType: 'enrolment', subjectId: e.id, ipHash: ctx.ipHash, details: { courseId: id, reason: 'course_cancelled' } })),
					// On the person's file too, so its timeline shows it.
					...ended
						.filter((e) => e.caseFileId)
						.map((e) => ({ actorUserId: ctx.actorUserId, organisationId: current.organisationId, action: 'enrolment.cancelled', subjectType: 'case_file', subjectId: e.caseFileId, section: 'parcours', ipHash: ctx.ipHash, details: { courseId: id, enrolmentId: e.id, reason: 'course_cancelled' } }))
				);
				const files = [...new Set(ended.map((e) => e.caseFileId).filter((f): f is string => Boolean(f)))];
				if (files.length) await tx.update(caseFile).set({ lastActivityAt: now }).where(inArray(caseFile.id, files));
			}
			await audit(tx, current, 'course.cancelled', ctx, { from: current.status, enrolments: ended.length });
			return { ok: true, enrolments: ended.length };
		});
	}

	/** Refuses dates outside the course's period (the form says which). */
	const outside = (row: CourseRow, from: string, to: string) => from < row.startsOn || to > row.endsOn;

	/** A weekly pattern: one session per matching date; dates that already have a session at that time are skipped. */
	async function planWeekly(id: string, p: WeeklyPattern, ctx: OfferCtx): Promise<OfferResult<{ created: number }>> {
		return db.transaction(async (t): Promise<OfferResult<{ created: number }>> => {
			const tx = t as unknown as Tx;
			const current = await lock(tx, id);
			if (!current) return { ok: false, state: 'courses.offer.errors.gone' };
			if (current.status === 'cancelled') return { ok: false, state: 'courses.offer.errors.cancelled' };
			if (outside(current, p.from, p.to)) return { ok: false, errors: { [p.from < current.startsOn ? 'from' : 'to']: 'courses.offer.errors.outsideCourse' } };
			const dates = weeklyDates(p.from, p.to, p.weekdays);
			if (!dates.length) return { ok: false, errors: { weekdays: 'courses.offer.errors.noDates' } };
			if (dates.length > MAX_PLANNED_SESSIONS) return { ok: false, errors: { to: 'courses.offer.errors.tooManySessions' } };
			const existing = new Set(
				(await tx.select({ startsAt: courseSession.startsAt }).from(courseSession).where(and(eq(courseSession.courseId, id), eq(courseSession.status, 'scheduled')))).map((s) => s.startsAt.getTime())
			);
			const rows = dates.map((d) => sessionAt(d, p.start, p.end)).filter((s) => !existing.has(s.startsAt.getTime()));
			if (rows.length) await tx.insert(courseSession).values(rows.map((s) => ({ ...s, courseId: id })));
			await refreshCourseFlags(tx, id);
			await resync(tx, id, ctx);
			await audit(tx, current, 'course.sessions.planned', ctx, { created: rows.length, skipped: dates.length - rows.length, weekdays: p.weekdays.join(','), start: p.start, end: p.end, from: p.from, to: p.to });
			return { ok: true, created: rows.length };
		});
	}

	async function addSession(id: string, s: OneSession, ctx: OfferCtx): Promise<OfferResult<{ sessionId: string }>> {
		return db.transaction(async (t): Promise<OfferResult<{ sessionId: string }>> => {
			const tx = t as unknown as Tx;
			const current = await lock(tx, id);
			if (!current) return { ok: false, state: 'courses.offer.errors.gone' };
			if (current.status === 'cancelled') return { ok: false, state: 'courses.offer.errors.cancelled' };
			if (outside(current, s.date, s.date)) return { ok: false, errors: { date: 'courses.offer.errors.outsideCourse' } };
			const values = sessionAt(s.date, s.start, s.end);
			const [row] = await tx.insert(courseSession).values({ ...values, courseId: id }).returning({ id: courseSession.id });
			await refreshCourseFlags(tx, id);
			await resync(tx, id, ctx);
			await audit(tx, current, 'course.session.added', ctx, { sessionId: row!.id });
			return { ok: true, sessionId: row!.id };
		});
	}

	/** A session that will not take place: kept (never deleted) as cancelled; refused once its register holds attendance or is locked. */
	async function cancelSession(id: string, sessionId: string, ctx: OfferCtx): Promise<OfferResult> {
		return db.transaction(async (t) => {
			const tx = t as unknown as Tx;
			const current = await lock(tx, id);
			if (!current) return { ok: false, state: 'courses.offer.errors.gone' };
			const [session] = await tx.select().from(courseSession).where(and(eq(courseSession.id, sessionId), eq(courseSession.courseId, id)));
			if (!session) return { ok: false, errors: { session: 'pro.errors.invalid' } };
			if (session.status === 'cancelled') return { ok: false, state: 'courses.offer.errors.sessionCancelled' };
			const [recorded] = await tx.select({ n: sql<number>`count(*)::int` }).from(attendance).where(eq(attendance.sessionId, sessionId));
			if (session.lockedAt || (recorded?.n ?? 0) > 0) return { ok: false, state: 'courses.offer.errors.sessionHasAttendance' };
			await tx.update(courseSession).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(courseSession.id, sessionId));
			await refreshCourseFlags(tx, id);
			await resync(tx, id, ctx);
			await audit(tx, current, 'course.session.cancelled', ctx, { sessionId });
			return { ok: true };
		});
	}

	return { create, update, publish, archive, cancel, planWeekly, addSession, cancelSession };
}
