/**
 * The tabs of a course page in the pro space, each a route under /{lang}/pro/cours/{id}; the
 * server says which ones the actor may open (see courses.presenter.ts), the header shows only those.
 */
export type CourseTabKey = 'overview' | 'sessions' | 'enrolments';

export const courseTabs: { key: CourseTabKey; path: string }[] = [
	{ key: 'overview', path: '' },
	{ key: 'sessions', path: '/seances' },
	{ key: 'enrolments', path: '/inscriptions' }
];

/** What the header of every course page receives from its load. */
export type CourseHeader = {
	id: string;
	title: string;
	organisationName: string;
	status: string;
	axis: string;
	level: string | null;
	tabs: CourseTabKey[];
};
