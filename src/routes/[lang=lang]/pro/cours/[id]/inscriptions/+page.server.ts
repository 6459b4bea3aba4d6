import { fail, type RequestEvent } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { spokenLanguages } from '$server/agenda/agenda.types';
import { wallClock } from '$server/agenda/brussels-time';
import { coursesRules } from '$server/courses/courses.policy';
import { presentCourseHeader } from '$server/courses/courses.presenter';
import { demandFor, viewCourseEnrolments } from '$server/courses/courses.demand.presenter';
import { equivalentCourses } from '$server/courses/courses.demand.repository';
import { DEMAND_ERRORS, directRequestSchema, enrolmentIdSchema, offerSchema, transferSchema } from '$server/courses/courses.demand.schemas';
import type { Outcome } from '$server/courses/courses.demand.usecases';
import { openCourse } from '$server/courses/load-course';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { decide } from '$server/policy/policy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// A course's demand: the waiting list (positions by request date), seats offered (with their last
// day), enrolled people and ended requests; every change is a small form (no JavaScript needed).
export const load: PageServerLoad = async (event) => {
	const { actor, course } = await openCourse(event, event.params.id, coursesRules['enrolment.view']);
	const db = runtime().database.db;
	const canManage = decide(actor, coursesRules['enrolment.manage'], { organisationId: course.organisationId }) === true;
	const lists = await viewCourseEnrolments(db, course, actor.userId, requestContext(event).ipHash);
	const taken = lists.offered.length + lists.enrolled.length;
	const anyConsent = lists.waiting.some((w) => w.elsewhere);
	return {
		header: await presentCourseHeader(db, actor, course),
		...lists,
		capacity: course.capacity,
		free: Math.max(0, course.capacity - taken),
		canManage,
		open: course.status === 'published',
		// Equivalent courses elsewhere depend on the course only: read once, shown under each consenting person.
		elsewhere: canManage && anyConsent ? await equivalentCourses(db, course, wallClock(new Date()).date) : [],
		municipalities: canManage ? (await createTerritoryRepository({ db }).listMunicipalities()).map((m) => ({ nisCode: m.nisCode, name: m.nameFr })) : [],
		spokenLanguages
	};
};

/** Opens the course for a change, parses the form, runs the use-case; a refusal comes back as a message above the list. */
async function change<T>(event: RequestEvent, schema: Parameters<typeof parseForm>[1], act: (data: T, course: { id: string }, ctx: { actorUserId: string; organisationId: string; ipHash: string }) => Promise<Outcome>, done: string) {
	const { actor, course } = await openCourse(event, event.params.id!, coursesRules['enrolment.manage']);
	const form = await parseForm(event.request, schema, [], DEMAND_ERRORS);
	if (!form.ok) return form.failure;
	const result = await act(form.data as T, course, { actorUserId: actor.userId, organisationId: course.organisationId, ipHash: requestContext(event).ipHash });
	if (!result.ok) return fail(result.error === 'courses.demand.errors.notFound' ? 404 : 409, { error: result.error, values: form.values });
	return { done, enrolmentId: result.enrolment.id };
}

type Id = { enrolmentId: string };

export const actions: Actions = {
	add: async (event) => {
		const { actor, course } = await openCourse(event, event.params.id, coursesRules['enrolment.manage']);
		const form = await parseForm(event.request, directRequestSchema, [], DEMAND_ERRORS);
		if (!form.ok) return form.failure;
		const d = form.data;
		const result = await demandFor(event).request(
			course.id,
			{ source: 'direct', firstName: d.firstName, lastName: d.lastName, email: d.email, phone: d.phone, locale: d.locale, nisCode: d.nisCode, needsChildcare: d.needsChildcare, interpreterLanguage: d.interpreterLanguage, elsewhere: d.elsewhere },
			{ actorUserId: actor.userId, organisationId: course.organisationId, ipHash: requestContext(event).ipHash }
		);
		if (!result.ok) return fail(409, { errors: { form: result.error }, values: form.values });
		return { done: 'added', enrolmentId: result.enrolment.id };
	},
	offer: async (event) => change<{ enrolmentId?: string }>(event, offerSchema, (d, c, ctx) => demandFor(event).offer(c.id, d.enrolmentId || null, ctx), 'offered'),
	enrol: async (event) => change<Id>(event, enrolmentIdSchema, (d, c, ctx) => demandFor(event).enrol(c.id, d.enrolmentId, ctx), 'enrolled'),
	decline: async (event) => change<Id>(event, enrolmentIdSchema, (d, c, ctx) => demandFor(event).decline(c.id, d.enrolmentId, ctx), 'declined'),
	withdraw: async (event) => change<Id>(event, enrolmentIdSchema, (d, c, ctx) => demandFor(event).withdraw(c.id, d.enrolmentId, ctx), 'withdrawn'),
	consent: async (event) => change<Id>(event, enrolmentIdSchema, (d, c, ctx) => demandFor(event).recordElsewhereConsent(c.id, d.enrolmentId, ctx), 'consented'),
	transfer: async (event) => change<{ enrolmentId: string; targetCourseId: string }>(event, transferSchema, (d, c, ctx) => demandFor(event).transfer(c.id, d.enrolmentId, d.targetCourseId, ctx), 'transferred')
};
