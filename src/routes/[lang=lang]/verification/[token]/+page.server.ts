import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { answerSchema, campaignsFor } from '$server/directory/campaign.http';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { createThrottle, type ThrottleRule } from '$server/identity/throttle';
import type { Actions, PageServerLoad } from './$types';

/** Wrong links from one address: 30 in 15 minutes, then a 15-minute pause. */
const wrongLinkRule: ThrottleRule = { limit: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * The link is the credential (no account): it opens the organisation's published services for
 * the campaign's window. Unknown, replaced or expired links get a page in the visitor's language.
 */
async function openLink(event: RequestEvent) {
	const throttle = createThrottle({ db: runtime().database.db });
	const key = `campaign-link:${requestContext(event).ipHash}`;
	if (await throttle.lockedUntil(key)) error(429, 'directory.verification.throttled');
	const found = await campaignsFor(event).findLink(event.params.token ?? '', event.locals.locale);
	if (found.status === 'invalid') {
		await throttle.hit(key, wrongLinkRule);
		error(404, 'directory.verification.invalid');
	}
	if (found.status === 'expired') error(410, 'directory.verification.expired');
	return found;
}

export const load: PageServerLoad = async (event) => {
	const found = await openLink(event);
	return { campaign: found.campaign, organisation: found.organisation.name, services: found.services, answered: found.handled };
};

async function answer(event: RequestEvent, withCorrection: boolean) {
	const found = await openLink(event);
	const data = await event.request.formData();
	const values = { service: String(data.get('service') ?? ''), correction: withCorrection ? String(data.get('correction') ?? '').slice(0, 10_000) : '' };
	const parsed = (withCorrection ? answerSchema : answerSchema.pick({ service: true })).safeParse(values);
	if (!parsed.success) return fail(400, { errors: { correction: 'directory.verification.errors.correction' }, values });
	const result = await campaignsFor(event).answer(
		{ organisationId: found.organisation.id, serviceId: values.service, campaign: found.campaign, method: 'email', correction: withCorrection ? values.correction.trim() : null, locale: event.locals.locale },
		{ actorUserId: null, ipHash: requestContext(event).ipHash }
	);
	if (!result.ok) error(404, 'Not Found');
	return { [withCorrection ? 'corrected' : 'confirmed']: values.service, done: result.state === 'done' };
}

export const actions: Actions = {
	confirm: (event) => answer(event, false),
	correct: (event) => answer(event, true)
};
