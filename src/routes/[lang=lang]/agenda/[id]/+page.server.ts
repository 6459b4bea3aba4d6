import { loadPublicEvent } from '$server/agenda/agenda.http';
import { eventJsonLd, jsonForScript, presentEvent } from '$server/agenda/agenda.presenter';
import { publicOrigin } from '$server/http/security-headers';
import type { PageServerLoad } from './$types';

// Public: only published (or cancelled) activities exist here; a draft, a proposal or an unknown id is a 404.
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const e = await loadPublicEvent(params.id);
	const origin = publicOrigin(url);
	const canonical = `${origin}/${locals.locale}/agenda/${e.id}`;
	const page = presentEvent(e, locals.locale, new Date());
	return { canonical, event: page, jsonLd: jsonForScript(eventJsonLd(page, canonical, origin)) };
};
