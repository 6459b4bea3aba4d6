import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { answerSchema, campaignsFor } from '$server/directory/campaign.http';
import { directoryRules } from '$server/directory/directory.policy';
import { authorize, requestContext } from '$server/http/guard';
import { loadOrganisation } from '$server/identity/load-organisation';
import type { Actions, PageServerLoad } from './$types';

// The same answers as the e-mailed link, for a signed-in member who may verify (admins and
// coordinators, or a directory editor): counted in the running campaign when there is one.
export const load: PageServerLoad = async (event) => {
	const org = await loadOrganisation(event.params.id);
	authorize(event, directoryRules['service.verify'], { organisationId: org.id });
	const campaigns = campaignsFor(event);
	const campaign = await campaigns.currentFor(org.id);
	return { organisation: { id: org.id, name: org.name }, campaign, services: await campaigns.publishedServices(org.id, event.locals.locale) };
};

async function answer(event: RequestEvent, withCorrection: boolean) {
	const org = await loadOrganisation(event.params.id ?? '');
	const actor = authorize(event, directoryRules['service.verify'], { organisationId: org.id });
	const data = await event.request.formData();
	const values = { service: String(data.get('service') ?? ''), correction: withCorrection ? String(data.get('correction') ?? '').slice(0, 10_000) : '' };
	const parsed = (withCorrection ? answerSchema : answerSchema.pick({ service: true })).safeParse(values);
	if (!parsed.success) return fail(400, { errors: { correction: 'directory.verification.errors.correction' }, values });
	const campaigns = campaignsFor(event);
	const campaign = await campaigns.currentFor(org.id);
	const result = await campaigns.answer(
		{ organisationId: org.id, serviceId: values.service, campaign, method: 'online', correction: withCorrection ? values.correction.trim() : null, locale: event.locals.locale },
		{ actorUserId: actor.userId, ipHash: requestContext(event).ipHash }
	);
	if (!result.ok) error(404, 'Not Found');
	return { [withCorrection ? 'corrected' : 'confirmed']: values.service, done: result.state === 'done' };
}

export const actions: Actions = {
	confirm: (event) => answer(event, false),
	correct: (event) => answer(event, true)
};
