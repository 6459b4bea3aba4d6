import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { attendance, courseSession, enrolment } from './courses.table';

export type SessionRef = { id: string; courseId: string; startsAt: Date; endsAt: Date };

/** Enrolments that can be on a register: the class, past or present (never a request). */
export const classStatuses = ['enrolled', 'completed', 'withdrawn'] as const;

/**
 * Whether an enrolment belongs on a session's register (SQL, on `enrolment` and `course_session`):
 * in the class (enrolled, completed or withdrawn), enrolled before the session ended, and — when
 * the place has ended — ended after the session started. Someone enrolled after a session is not
 * on it; someone who left stays on the sessions before they left.
 */
export function onSessionRegister(): SQL {
	return sql`(${enrolment.status} in ('enrolled', 'completed', 'withdrawn')
		and coalesce(${enrolment.enrolledAt}, ${enrolment.requestedAt}) <= ${courseSession.endsAt}
		and (${enrolment.status} = 'enrolled' or ${enrolment.endedAt} is null or ${enrolment.endedAt} > ${courseSession.startsAt}))`;
}

export type RegisterRow = {
	enrolmentId: string;
	firstName: string | null;
	lastName: string | null;
	enrolmentStatus: string;
	attendanceStatus: string | null;
	minutes: number | null;
};

/** The register of a session: its trainees (and anyone already recorded on it), with what was recorded. */
export async function registerRows(db: Database, session: SessionRef): Promise<RegisterRow[]> {
	return db
		.select({
			enrolmentId: enrolment.id,
			firstName: enrolment.firstName,
			lastName: enrolment.lastName,
			enrolmentStatus: enrolment.status,
			attendanceStatus: attendance.status,
			minutes: attendance.minutes
		})
		.from(enrolment)
		.innerJoin(courseSession, eq(courseSession.id, session.id))
		.leftJoin(attendance, and(eq(attendance.sessionId, courseSession.id), eq(attendance.enrolmentId, enrolment.id)))
		.where(and(eq(enrolment.courseId, session.courseId), or(onSessionRegister(), sql`${attendance.enrolmentId} is not null`)))
		.orderBy(asc(sql`lower(coalesce(${enrolment.lastName}, ''))`), asc(sql`lower(coalesce(${enrolment.firstName}, ''))`), asc(enrolment.id));
}

export type TraineeHours = {
	enrolmentId: string;
	/** Sessions held so far (started, not cancelled) while the person was in the class. */
	sessionsHeld: number;
	/** Sessions where the person was recorded present. */
	presentCount: number;
	minutesAttended: number;
	/** The length of those sessions: what the person could have attended so far. */
	minutesPlanned: number;
};

/**
 * Per enrolment of a course (the class: enrolled, completed, withdrawn): sessions held, presences,
 * minutes attended and planned so far. `lockedOnly` counts attendance of locked registers only
 * (what funding counts). `enrolmentIds` narrows to some enrolments (an attestation).
 */
export async function traineeHours(
	db: Database,
	{ courseId, now = new Date(), lockedOnly = false, enrolmentIds }: { courseId: string; now?: Date; lockedOnly?: boolean; enrolmentIds?: string[] }
): Promise<TraineeHours[]> {
	const held = and(eq(courseSession.courseId, enrolment.courseId), eq(courseSession.status, 'scheduled'), sql`${courseSession.startsAt} <= ${now.toISOString()}::timestamptz`, onSessionRegister());
	const counted = lockedOnly ? and(eq(attendance.sessionId, courseSession.id), eq(attendance.enrolmentId, enrolment.id), sql`${courseSession.lockedAt} is not null`) : and(eq(attendance.sessionId, courseSession.id), eq(attendance.enrolmentId, enrolment.id));
	const rows = await db
		.select({
			enrolmentId: enrolment.id,
			sessionsHeld: sql<number>`count(${courseSession.id})::int`,
			presentCount: sql<number>`(count(*) filter (where ${attendance.status} = 'present'))::int`,
			minutesAttended: sql<number>`coalesce(sum(${attendance.minutes}), 0)::int`,
			minutesPlanned: sql<number>`coalesce(sum(${courseSession.minutes}), 0)::int`
		})
		.from(enrolment)
		.leftJoin(courseSession, held)
		.leftJoin(attendance, counted)
		.where(and(eq(enrolment.courseId, courseId), inArray(enrolment.status, [...classStatuses]), enrolmentIds ? inArray(enrolment.id, enrolmentIds.length ? enrolmentIds : ['00000000-0000-0000-0000-000000000000']) : undefined))
		.groupBy(enrolment.id);
	return rows.map((r) => ({ ...r, sessionsHeld: Number(r.sessionsHeld), presentCount: Number(r.presentCount), minutesAttended: Number(r.minutesAttended), minutesPlanned: Number(r.minutesPlanned) }));
}
