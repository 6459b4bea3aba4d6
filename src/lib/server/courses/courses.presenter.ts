import type { CourseHeader, CourseTabKey } from '$lib/courses/tabs';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { decide, type Actor } from '../policy/policy';
import { coursesRules } from './courses.policy';
import type { CourseRow } from './load-course';

/** The header of every course page: what the course is, and the tabs the actor may open. */
export async function presentCourseHeader(db: Database, actor: Actor, row: CourseRow): Promise<CourseHeader> {
	const [org] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, row.organisationId));
	const subject = { organisationId: row.organisationId };
	const tabs: CourseTabKey[] = ['overview', 'sessions'];
	// A pending second factor still shows the tab: opening it asks for the factor.
	if (decide(actor, coursesRules['enrolment.view'], subject) !== false) tabs.push('enrolments');
	return { id: row.id, title: row.title, organisationName: org?.name ?? '', status: row.status, axis: row.axis, level: row.level, tabs };
}

/** A level's label: Alpha has words, the CEFR levels are their codes (A1…B2) in every language. */
export const levelLabel = (level: string | null, t: (key: string) => string) => (level ? (level === 'alpha' ? t('courses.level.alpha') : level.toUpperCase()) : null);
