import { error, fail } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { spokenLanguages } from '$server/agenda/agenda.types';
import { wallClock } from '$server/agenda/brussels-time';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { openCaseFile } from '$server/cases/load-case-file';
import { coursesRules } from '$server/courses/courses.policy';
import { demandFor } from '$server/courses/courses.demand.presenter';
import { listFileEnrolments, openCoursesOf } from '$server/courses/courses.demand.repository';
import { DEMAND_ERRORS, fileRequestSchema } from '$server/courses/courses.demand.schemas';
import { openCourse } from '$server/courses/load-course';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { decide } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// A file's course requests and places (at every organisation), and a request for a course of the
// actor's organisation: the file's identity is used, nothing is copied.
export const load: PageServerLoad = async (event) => {
	const { actor, file, access } = await openCaseFile(event, event.params.id, { section: 'parcours', purpose: 'courses' });
	const db = runtime().database.db;
	// Requests: members who may change the file's parcours and manage their organisation's enrolments.
	const canRequest = file.status === 'open' && access.role !== 'reader' && decide(actor, coursesRules['enrolment.manage'], { organisationId: access.organisationId }) === true;
	return {
		header: await presentCaseHeader(db, file, access),
		enrolments: await listFileEnrolments(db, file.id),
		courses: canRequest ? await openCoursesOf(db, access.organisationId, wallClock(new Date()).date) : [],
		spokenLanguages
	};
};

export const actions: Actions = {
	request: async (event) => {
		const { file, access } = await openCaseFile(event, event.params.id, { rule: casesRules['section.edit'], section: 'parcours', audit: false });
		const form = await parseForm(event.request, fileRequestSchema, [], DEMAND_ERRORS);
		if (!form.ok) return form.failure;
		// Only a course of the organisation the actor acts for on this file, and only if they may manage its enrolments.
		const { actor, course } = await openCourse(event, form.data.courseId, coursesRules['enrolment.manage']);
		if (course.organisationId !== access.organisationId) error(403, 'Forbidden');
		const locale = file.preferredLanguages.find(isLocale) ?? 'fr';
		const result = await demandFor(event).request(
			course.id,
			{ source: 'case_file', caseFileId: file.id, locale, nisCode: file.nisCode, needsChildcare: form.data.needsChildcare, interpreterLanguage: form.data.interpreterLanguage, elsewhere: form.data.elsewhere },
			{ actorUserId: actor.userId, organisationId: access.organisationId, ipHash: requestContext(event).ipHash }
		);
		if (!result.ok) return fail(409, { errors: { courseId: result.error }, values: form.values });
		return { requested: true };
	}
};
