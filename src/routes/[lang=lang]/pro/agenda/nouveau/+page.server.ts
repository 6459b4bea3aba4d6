import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { municipalityOptions } from '$server/agenda/agenda.http';
import { agendaRules } from '$server/agenda/agenda.policy';
import { readEventForm } from '$server/agenda/agenda.schemas';
import { audiences, categories, spokenLanguages } from '$server/agenda/agenda.types';
import { createAgenda } from '$server/agenda/agenda.usecases';
import { authorize, requestContext } from '$server/http/guard';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

/** The organisations the person may write activities for. */
async function writableOrganisations(actor: ReturnType<typeof authorize>) {
	const memberships = await createIdentityRepository({ db: runtime().database.db }).users.memberships(actor.userId);
	return memberships.filter((m) => can(actor, agendaRules['event.create'], { organisationId: m.organisationId })).map((m) => ({ id: m.organisationId, name: m.name }));
}

export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, agendaRules.enter);
	const organisations = await writableOrganisations(actor);
	// Moderators without an organisation of their own write nothing here.
	if (!organisations.length) authorize(event, agendaRules['event.create'], { organisationId: '' });
	return { organisations, municipalities: await municipalityOptions(), categories, audiences, spokenLanguages };
};

export const actions: Actions = {
	/** Creates the activity as a draft of the chosen organisation, then opens it (image, sending for review). */
	default: async (event) => {
		const actor = authorize(event, agendaRules.enter);
		const data = await event.request.formData();
		const organisationId = String(data.get('organisation') ?? '');
		const form = readEventForm(data);
		const values = { ...form.raw, organisation: organisationId };
		if (!z.uuid().safeParse(organisationId).success) return fail(400, { errors: { ...form.errors, organisation: 'agenda.errors.required' }, values });
		authorize(event, agendaRules['event.create'], { organisationId });
		if (!form.data) return fail(400, { errors: form.errors, values });
		const id = await createAgenda({ db: runtime().database.db, translator: runtime().translator }).create(organisationId, form.data, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		redirect(303, `/${event.locals.locale}/pro/agenda/${id}?created=1`);
	}
};
