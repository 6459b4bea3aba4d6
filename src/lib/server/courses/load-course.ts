import { error, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { runtime } from '../app/runtime';
import type { Database } from '../db/client';
import { authorize } from '../http/guard';
import type { SignedIn } from '../policy/policy';
import { course, courseSession } from './courses.table';

export type CourseRow = typeof course.$inferSelect;
export type SessionRow = typeof courseSession.$inferSelect;

/**
 * Every course route starts here: parse the id, load the course, decide with the policy (a rule of
 * `coursesRules`, on the course's organisation). An unknown id is a 404; a refusal a 403 (that a
 * course exists is not private: published ones are public).
 */
export async function openCourse(event: RequestEvent, id: string, rule: string, db: Database = runtime().database.db): Promise<{ actor: SignedIn; course: CourseRow }> {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const [row] = await db.select().from(course).where(eq(course.id, id));
	if (!row) {
		// Anonymous visitors still go to the sign-in page rather than learn what exists.
		authorize(event, rule, { organisationId: '' }, { hide: true });
		error(404, 'Not Found');
	}
	const actor = authorize(event, rule, { organisationId: row.organisationId });
	return { actor, course: row };
}

/** A session of a course, opened like its course (the session must belong to it). */
export async function openCourseSession(
	event: RequestEvent,
	courseId: string,
	sessionId: string,
	rule: string,
	db: Database = runtime().database.db
): Promise<{ actor: SignedIn; course: CourseRow; session: SessionRow }> {
	const opened = await openCourse(event, courseId, rule, db);
	if (!z.uuid().safeParse(sessionId).success) error(404, 'Not Found');
	const [session] = await db.select().from(courseSession).where(eq(courseSession.id, sessionId));
	if (!session || session.courseId !== courseId) error(404, 'Not Found');
	return { ...opened, session };
}
