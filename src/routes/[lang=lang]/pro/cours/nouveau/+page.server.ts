import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { municipalityOptions } from '$server/agenda/agenda.http';
import { offer, offerCtx, readCourseForm } from '$server/courses/courses.offer.http';
import { courseFormOptions } from '$server/courses/courses.offer.presenter';
import { coursesRules } from '$server/courses/courses.policy';
import { authorize } from '$server/http/guard';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/** The organisations the person may write courses for. */
async function writableOrganisations(actor: ReturnType<typeof authorize>) {
	const memberships = await createIdentityRepository({ db: runtime().database.db }).users.memberships(actor.userId);
	return memberships.filter((m) => can(actor, coursesRules['course.edit'], { organisationId: m.organisationId })).map((m) => ({ id: m.organisationId, name: m.name }));
}

export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, coursesRules['course.list']);
	const organisations = await writableOrganisations(actor);
	// Readers write no course: refused like any other course change.
	if (!organisations.length) authorize(event, coursesRules['course.edit'], { organisationId: '' });
	return { organisations, municipalities: await municipalityOptions(), options: courseFormOptions };
};

export const actions: Actions = {
	/** Creates the course as a draft of the chosen organisation, then opens it (sessions, publication). */
	default: async (event) => {
		const actor = authorize(event, coursesRules['course.list']);
		const form = readCourseForm(await event.request.formData());
		const organisationId = typeof form.values.organisation === 'string' ? form.values.organisation : '';
		if (!z.uuid().safeParse(organisationId).success) return fail(400, { errors: { ...form.errors, organisation: 'pro.errors.required' }, values: form.values });
		authorize(event, coursesRules['course.edit'], { organisationId });
		if (!form.data) return fail(400, { errors: form.errors, values: form.values });
		const id = await offer().create(organisationId, form.data, offerCtx(event, actor));
		redirect(303, `/${event.locals.locale}/pro/cours/${id}?created=1`);
	}
};
