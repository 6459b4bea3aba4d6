import { and, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { course, enrolment } from './courses.table';

/** A request made without a file that still holds a name or contact, and ended (or whose course ended) before `cutoff`. */
function due(db: Database, cutoff: Date) {
	const endedCourses = db.select({ id: course.id }).from(course).where(lt(course.endsOn, cutoff.toISOString().slice(0, 10)));
	return and(
		isNull(enrolment.caseFileId),
		or(and(isNotNull(enrolment.endedAt), lt(enrolment.endedAt, cutoff)), inArray(enrolment.courseId, endedCourses)),
		or(isNotNull(enrolment.firstName), isNotNull(enrolment.lastName), isNotNull(enrolment.email), isNotNull(enrolment.phone))
	);
}

/**
 * Retention of course requests made without a case file (the public form, or typed in by a
 * worker): their name and contact are erased once the case files' retention period has passed
 * since the request ended (declined, withdrawn, transferred, completed, cancelled), or since the
 * course ended for a place never closed by hand. The row stays, stripped, for the statistics the
 * report and the funding justification count (status, dates, municipality, needs). Requests of a
 * case file are erased with the file. Run by the daily retention job (cases/rights/retention).
 */
export async function eraseEndedCourseRequests(db: Database, cutoff: Date, now = new Date()): Promise<number> {
	const rows = await db.update(enrolment).set({ firstName: null, lastName: null, email: null, phone: null, updatedAt: now }).where(due(db, cutoff)).returning({ id: enrolment.id });
	return rows.length;
}

/** How many requests the next run would strip (the retention page and the CLI's dry run). */
export async function courseRequestsDue(db: Database, cutoff: Date): Promise<number> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(enrolment).where(due(db, cutoff));
	return row?.n ?? 0;
}
