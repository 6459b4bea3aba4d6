import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { offer, offerCtx, refused } from '$server/courses/courses.offer.http';
import { presentSessions } from '$server/courses/courses.offer.presenter';
import { listSessions } from '$server/courses/courses.offer.repository';
import { courseErrors, oneSessionSchema, sessionIdSchema, weeklyPatternSchema } from '$server/courses/courses.offer.schemas';
import { coursesRules } from '$server/courses/courses.policy';
import { presentCourseHeader } from '$server/courses/courses.presenter';
import { openCourse } from '$server/courses/load-course';
import { formObject } from '$server/http/forms';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const csr = false;

// The course's sessions (Brussels dates and times, evening/weekend), and the forms that plan them.
export const load: PageServerLoad = async (event) => {
	const { actor, course } = await openCourse(event, event.params.id, coursesRules['course.view']);
	const db = runtime().database.db;
	return {
		header: await presentCourseHeader(db, actor, course),
		sessions: presentSessions(await listSessions(db, course.id)),
		period: { startsOn: course.startsOn, endsOn: course.endsOn },
		canEdit: can(actor, coursesRules['course.edit'], { organisationId: course.organisationId }) && course.status !== 'cancelled'
	};
};

/** Opens the course for a change of its sessions and reads the posted form. */
async function opened(event: RequestEvent, multiple: string[] = []) {
	const o = await openCourse(event, event.params.id, coursesRules['course.edit']);
	return { ...o, values: formObject(await event.request.formData(), multiple), ctx: offerCtx(event, o.actor) };
}

export const actions: Actions = {
	/** A weekly pattern: weekdays, times, from and to. */
	plan: async (event) => {
		const { course, values, ctx } = await opened(event, ['weekdays']);
		const parsed = weeklyPatternSchema.safeParse(values);
		if (!parsed.success) return fail(400, { form: 'plan', errors: courseErrors(parsed.error), values });
		const result = await offer().planWeekly(course.id, parsed.data, ctx);
		return result.ok ? { form: 'plan', created: result.created } : refused('plan', result, values);
	},
	/** One more session on a date. */
	add: async (event) => {
		const { course, values, ctx } = await opened(event);
		const parsed = oneSessionSchema.safeParse(values);
		if (!parsed.success) return fail(400, { form: 'add', errors: courseErrors(parsed.error), values });
		const result = await offer().addSession(course.id, parsed.data, ctx);
		return result.ok ? { form: 'add', added: true } : refused('add', result, values);
	},
	/** A session that will not take place (kept, marked cancelled). */
	cancel: async (event) => {
		const { course, values, ctx } = await opened(event);
		const parsed = sessionIdSchema.safeParse(values);
		if (!parsed.success) return fail(400, { form: 'cancel', errors: courseErrors(parsed.error), values });
		const result = await offer().cancelSession(course.id, parsed.data.session, ctx);
		return result.ok ? { form: 'cancel', cancelled: true } : refused('cancel', result, values);
	}
};
