import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { municipalityOptions } from '$server/agenda/agenda.http';
import { offer, offerCtx, readCourseForm, refused } from '$server/courses/courses.offer.http';
import { courseFormOptions, courseFormValues, presentCourseOverview } from '$server/courses/courses.offer.presenter';
import { courseCounts } from '$server/courses/courses.offer.repository';
import { confirmSchema, versionSchema } from '$server/courses/courses.offer.schemas';
import { coursesRules } from '$server/courses/courses.policy';
import { presentCourseHeader } from '$server/courses/courses.presenter';
import { openCourse } from '$server/courses/load-course';
import { formObject } from '$server/http/forms';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const csr = false;

// The course's overview (no people on it), its form, and its life: publish, archive, cancel.
export const load: PageServerLoad = async (event) => {
	const { actor, course } = await openCourse(event, event.params.id, coursesRules['course.view']);
	const db = runtime().database.db;
	const subject = { organisationId: course.organisationId };
	return {
		header: await presentCourseHeader(db, actor, course),
		overview: presentCourseOverview(course, await courseCounts(db, course.id)),
		values: courseFormValues(course),
		canEdit: can(actor, coursesRules['course.edit'], subject) && course.status !== 'cancelled',
		canPublish: can(actor, coursesRules['course.publish'], subject),
		municipalities: await municipalityOptions(),
		options: courseFormOptions,
		created: event.url.searchParams.has('created')
	};
};

/** A life step (publish, archive, cancel): leads only; archiving and cancelling ask for a ticked confirmation. */
async function step(event: RequestEvent, name: 'publish' | 'archive' | 'cancel') {
	const { actor, course } = await openCourse(event, event.params.id, coursesRules['course.publish']);
	if (name !== 'publish') {
		const confirmed = confirmSchema.safeParse(formObject(await event.request.formData()));
		if (!confirmed.success) return fail(400, { form: name, errors: { [`${name}-confirm`]: 'courses.offer.errors.confirm' }, values: {} });
	}
	const result = await offer()[name](course.id, offerCtx(event, actor));
	return result.ok ? { form: name, done: true } : refused(name, result);
}

export const actions: Actions = {
	save: async (event) => {
		const { actor, course } = await openCourse(event, event.params.id, coursesRules['course.edit']);
		const form = readCourseForm(await event.request.formData());
		const version = versionSchema.safeParse(form.values);
		if (!version.success) return fail(400, { form: 'save', errors: { ...form.errors, form: 'pro.errors.invalid' }, values: form.values });
		if (!form.data) return fail(400, { form: 'save', errors: form.errors, values: form.values });
		const result = await offer().update(course.id, version.data.version, form.data, offerCtx(event, actor));
		return result.ok ? { form: 'save', saved: true } : refused('save', result, form.values);
	},
	publish: (event) => step(event, 'publish'),
	archive: (event) => step(event, 'archive'),
	cancel: (event) => step(event, 'cancel')
};
