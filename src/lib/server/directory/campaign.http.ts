import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '../app/runtime';
import { publicOrigin } from '../http/security-headers';
import { createCampaigns } from './campaign.usecases';

/** The campaign use-cases for a request: links in e-mails use the public origin of the site. */
export function campaignsFor(event: RequestEvent) {
	const { database, mailer } = runtime();
	return createCampaigns({ db: database.db, mailer, origin: publicOrigin(event.url) });
}

/** The campaign of a route, 404 when malformed or unknown. */
export async function loadCampaign(event: RequestEvent) {
	const c = await campaignsFor(event).byId(event.params.id ?? '');
	if (!c) error(404, 'Not Found');
	return c;
}

/** The answer form on a verification page: which service, and the correction when there is one. */
export const answerSchema = z.object({
	service: z.uuid('pro.errors.invalid'),
	correction: z.string().trim().min(5, 'directory.verification.errors.correction').max(2000, 'directory.verification.errors.correction')
});
