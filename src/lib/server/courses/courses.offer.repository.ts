import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';
import { course, courseSession, enrolment } from './courses.table';
import { courseAxes, courseStatuses, fleLevels } from './courses.types';

/** Evening and weekend, recomputed from the course's scheduled sessions (after every change of them). */
export async function refreshCourseFlags(db: Database, courseId: string): Promise<void> {
	await db
		.update(course)
		.set({
			hasEvening: sql`exists (select 1 from ${courseSession} where ${courseSession.courseId} = ${courseId} and ${courseSession.status} = 'scheduled' and ${courseSession.evening})`,
			hasWeekend: sql`exists (select 1 from ${courseSession} where ${courseSession.courseId} = ${courseId} and ${courseSession.status} = 'scheduled' and ${courseSession.weekend})`
		})
		.where(eq(course.id, courseId));
}

export type CourseFilters = { axis?: string; level?: string; status?: string };

/** The list's filters as typed in the URL; unknown values are ignored. */
export function readCourseFilters(search: URLSearchParams): CourseFilters {
	const pick = (name: string, allowed: readonly string[]) => {
		const v = search.get(name) ?? '';
		return allowed.includes(v) ? v : undefined;
	};
	return { axis: pick('axis', courseAxes), level: pick('level', fleLevels), status: pick('status', courseStatuses) };
}

const seats = sql<number>`(select count(*)::int from ${enrolment} where ${enrolment.courseId} = ${course.id} and ${enrolment.status} in ('offered', 'enrolled'))`;
const waiting = sql<number>`(select count(*)::int from ${enrolment} where ${enrolment.courseId} = ${course.id} and ${enrolment.status} = 'waiting')`;
const sessions = sql<number>`(select count(*)::int from ${courseSession} where ${courseSession.courseId} = ${course.id} and ${courseSession.status} = 'scheduled')`;

/** The courses of the given organisations (the actor's: the scope is in SQL), with seats taken and waiting counts. */
export async function listCourses(db: Database, organisationIds: string[], filters: CourseFilters) {
	if (!organisationIds.length) return [];
	const where: SQL[] = [inArray(course.organisationId, organisationIds)];
	if (filters.axis) where.push(eq(course.axis, filters.axis));
	if (filters.level) where.push(eq(course.level, filters.level));
	if (filters.status) where.push(eq(course.status, filters.status));
	return db
		.select({
			id: course.id,
			title: course.title,
			organisationName: organisation.name,
			axis: course.axis,
			level: course.level,
			status: course.status,
			municipality: municipality.nameFr,
			startsOn: course.startsOn,
			endsOn: course.endsOn,
			capacity: course.capacity,
			childcarePlaces: course.childcarePlaces,
			hasEvening: course.hasEvening,
			hasWeekend: course.hasWeekend,
			seatsTaken: seats,
			waiting,
			sessions
		})
		.from(course)
		.innerJoin(organisation, eq(organisation.id, course.organisationId))
		.innerJoin(municipality, eq(municipality.nisCode, course.nisCode))
		.where(and(...where))
		.orderBy(desc(course.startsOn), asc(course.title))
		.limit(500);
}

/** A course's sessions in time order (scheduled and cancelled), with whether a register was recorded. */
export async function listSessions(db: Database, courseId: string) {
	return db
		.select({
			id: courseSession.id,
			startsAt: courseSession.startsAt,
			endsAt: courseSession.endsAt,
			minutes: courseSession.minutes,
			evening: courseSession.evening,
			weekend: courseSession.weekend,
			status: courseSession.status,
			lockedAt: courseSession.lockedAt,
			registerSavedAt: courseSession.registerSavedAt
		})
		.from(courseSession)
		.where(eq(courseSession.courseId, courseId))
		.orderBy(asc(courseSession.startsAt));
}

/** Seats taken and requests waiting for one course. */
export async function courseCounts(db: Database, courseId: string) {
	const [row] = await db.select({ seatsTaken: seats, waiting, sessions }).from(course).where(eq(course.id, courseId));
	return row ?? { seatsTaken: 0, waiting: 0, sessions: 0 };
}
