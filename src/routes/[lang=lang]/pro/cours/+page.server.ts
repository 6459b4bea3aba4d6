import { runtime } from '$server/app/runtime';
import { listCourses, readCourseFilters } from '$server/courses/courses.offer.repository';
import { courseFormOptions } from '$server/courses/courses.offer.presenter';
import { coursesRules } from '$server/courses/courses.policy';
import { courseStatuses } from '$server/courses/courses.types';
import { authorize } from '$server/http/guard';
import { can } from '$server/policy/policy';
import type { PageServerLoad } from './$types';

export const csr = false;

// The courses of the person's organisations (the scope is the SQL's), filtered by axis, level and status.
export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, coursesRules['course.list']);
	const organisationIds = [...actor.memberships.keys()].filter((id) => can(actor, coursesRules['course.view'], { organisationId: id }));
	const filters = readCourseFilters(event.url.searchParams);
	return {
		courses: await listCourses(runtime().database.db, organisationIds, filters),
		filters,
		options: { axes: courseFormOptions.axes, levels: courseFormOptions.levels, statuses: courseStatuses },
		canCreate: organisationIds.some((id) => can(actor, coursesRules['course.edit'], { organisationId: id }))
	};
};
