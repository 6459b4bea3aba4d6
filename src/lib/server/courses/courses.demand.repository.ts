import { aliasedTable, and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { caseFile } from '../cases/cases.table';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';
import { activeEnrolmentStatuses, seatStatuses } from './courses.types';
import { course, enrolment } from './courses.table';
import type { CourseRow } from './load-course';

export type EnrolmentRow = typeof enrolment.$inferSelect;

/** An enrolment as the lists show it: the person's name and contact come from the case file when there is one. */
export type EnrolmentView = EnrolmentRow & {
	displayFirstName: string | null;
	displayLastName: string | null;
	contactEmail: string | null;
	contactPhone: string | null;
	/** 1, 2, 3… for waiting requests (rank by requested_at), null otherwise. */
	position: number | null;
};

/** Seats taken (offered or enrolled) in a course. */
export async function seatsTaken(db: Database, courseId: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(enrolment)
		.where(and(eq(enrolment.courseId, courseId), inArray(enrolment.status, [...seatStatuses])));
	return row?.n ?? 0;
}

/** Free seats = capacity − (offered + enrolled), never below 0. */
export async function freeSeats(db: Database, c: Pick<CourseRow, 'id' | 'capacity'>): Promise<number> {
	return Math.max(0, c.capacity - (await seatsTaken(db, c.id)));
}

/** The first waiting request of a course (the waiting list's head), or null. */
export async function nextWaiting(db: Database, courseId: string): Promise<EnrolmentRow | null> {
	const [row] = await db
		.select()
		.from(enrolment)
		.where(and(eq(enrolment.courseId, courseId), eq(enrolment.status, 'waiting')))
		.orderBy(asc(enrolment.requestedAt), asc(enrolment.id))
		.limit(1);
	return row ?? null;
}

const displayColumns = {
	displayFirstName: sql<string | null>`coalesce(${enrolment.firstName}, ${caseFile.firstName})`,
	displayLastName: sql<string | null>`coalesce(${enrolment.lastName}, case when ${caseFile.pseudonymous} then null else ${caseFile.lastName} end)`,
	contactEmail: sql<string | null>`coalesce(${enrolment.email}, ${caseFile.email})`,
	contactPhone: sql<string | null>`coalesce(${enrolment.phone}, ${caseFile.phone})`
};

/** Every enrolment of a course, waiting ones first in their order, with their positions. */
export async function listCourseEnrolments(db: Database, courseId: string): Promise<EnrolmentView[]> {
	const rows = await db
		.select({ e: enrolment, ...displayColumns })
		.from(enrolment)
		.leftJoin(caseFile, eq(caseFile.id, enrolment.caseFileId))
		.where(eq(enrolment.courseId, courseId))
		.orderBy(asc(enrolment.requestedAt), asc(enrolment.id));
	let position = 0;
	return rows.map((r) => ({ ...r.e, displayFirstName: r.displayFirstName, displayLastName: r.displayLastName, contactEmail: r.contactEmail, contactPhone: r.contactPhone, position: r.e.status === 'waiting' ? ++position : null }));
}

/** One enrolment with what an offer's e-mail needs. */
export async function loadEnrolmentView(db: Database, id: string): Promise<EnrolmentView | null> {
	const [r] = await db
		.select({ e: enrolment, ...displayColumns })
		.from(enrolment)
		.leftJoin(caseFile, eq(caseFile.id, enrolment.caseFileId))
		.where(eq(enrolment.id, id));
	return r ? { ...r.e, displayFirstName: r.displayFirstName, displayLastName: r.displayLastName, contactEmail: r.contactEmail, contactPhone: r.contactPhone, position: null } : null;
}

/** A file's enrolments (every organisation), newest first, with course and organisation names. */
export async function listFileEnrolments(db: Database, caseFileId: string) {
	return db
		.select({ id: enrolment.id, status: enrolment.status, source: enrolment.source, requestedAt: enrolment.requestedAt, offerExpiresAt: enrolment.offerExpiresAt, enrolledAt: enrolment.enrolledAt, endedAt: enrolment.endedAt, courseId: course.id, courseTitle: course.title, axis: course.axis, level: course.level, organisationName: organisation.name })
		.from(enrolment)
		.innerJoin(course, eq(course.id, enrolment.courseId))
		.innerJoin(organisation, eq(organisation.id, enrolment.organisationId))
		.where(eq(enrolment.caseFileId, caseFileId))
		.orderBy(sql`${enrolment.requestedAt} desc`);
}

/** Published, not ended courses of one organisation (the request forms' choices). */
export async function openCoursesOf(db: Database, organisationId: string, today: string) {
	return db
		.select({ id: course.id, title: course.title, axis: course.axis, level: course.level, startsOn: course.startsOn })
		.from(course)
		.where(and(eq(course.organisationId, organisationId), eq(course.status, 'published'), sql`${course.endsOn} >= ${today}`))
		.orderBy(asc(course.startsOn), asc(course.title));
}

export type Equivalent = { id: string; title: string; organisationName: string; municipality: string; startsOn: string; freeSeats: number; nearness: number };

/**
 * Equivalent courses of OTHER organisations for a course: published, not ended, same axis (and for
 * FLE the same level), with a free seat; the same municipality first, then the same arrondissement,
 * then the rest, each by start date.
 */
export async function equivalentCourses(db: Database, of: CourseRow, today: string): Promise<Equivalent[]> {
	const home = aliasedTable(municipality, 'home');
	const taken = sql<number>`(select count(*)::int from ${enrolment} where ${enrolment.courseId} = ${course.id} and ${enrolment.status} in ('offered', 'enrolled'))`;
	const rows = await db
		.select({
			id: course.id,
			title: course.title,
			organisationName: organisation.name,
			municipality: municipality.nameFr,
			startsOn: course.startsOn,
			freeSeats: sql<number>`(${course.capacity} - ${taken})::int`,
			nearness: sql<number>`case when ${course.nisCode} = ${of.nisCode} then 0 when ${municipality.arrondissementNis} = ${home.arrondissementNis} then 1 else 2 end`
		})
		.from(course)
		.innerJoin(organisation, eq(organisation.id, course.organisationId))
		.innerJoin(municipality, eq(municipality.nisCode, course.nisCode))
		.innerJoin(home, eq(home.nisCode, of.nisCode))
		.where(
			and(
				ne(course.organisationId, of.organisationId),
				eq(course.status, 'published'),
				eq(course.axis, of.axis),
				of.axis === 'fle' && of.level ? eq(course.level, of.level) : undefined,
				sql`${course.endsOn} >= ${today}`,
				sql`${course.capacity} - ${taken} > 0`
			)
		)
		.orderBy(asc(course.startsOn), asc(course.title));
	return rows.sort((a, b) => a.nearness - b.nearness);
}

/** An active request or place of the same person in a course (same file, or same e-mail or phone). */
export async function findDuplicate(db: Database, courseId: string, who: { caseFileId: string | null; email: string | null; phoneDigits: string | null }): Promise<string | null> {
	const active = and(eq(enrolment.courseId, courseId), inArray(enrolment.status, [...activeEnrolmentStatuses]));
	const matches = [];
	if (who.caseFileId) matches.push(eq(enrolment.caseFileId, who.caseFileId));
	if (who.email) matches.push(sql`lower(coalesce(${enrolment.email}, ${caseFile.email})) = ${who.email}`);
	if (who.phoneDigits) matches.push(sql`regexp_replace(regexp_replace(coalesce(${enrolment.phone}, ${caseFile.phone}, ''), '\\D', '', 'g'), '^(00|0)?32', '0') = ${who.phoneDigits}`);
	if (!matches.length) return null;
	const [row] = await db
		.select({ id: enrolment.id })
		.from(enrolment)
		.leftJoin(caseFile, eq(caseFile.id, enrolment.caseFileId))
		.where(and(active, sql`(${sql.join(matches, sql` or `)})`))
		.limit(1);
	return row?.id ?? null;
}

/** Published, not ended courses a directory service shows (the public page links to their interest form). */
export async function coursesOfService(db: Database, serviceId: string, now: Date) {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(now);
	return db
		.select({ id: course.id, title: course.title })
		.from(course)
		.where(and(eq(course.serviceId, serviceId), eq(course.status, 'published'), sql`${course.endsOn} >= ${today}`));
}
