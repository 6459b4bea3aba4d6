import { atomFeed } from '$server/agenda/agenda.feeds';
import { feedHeaders, feedRequest } from '$server/agenda/agenda.http';
import type { RequestHandler } from './$types';

// Public, no account: the next 90 days of the agenda as Atom, with the page's filters.
export const GET: RequestHandler = async ({ url }) => {
	const { events, context, now, links } = await feedRequest(url, 'news');
	return new Response(atomFeed(events, context, now, links), { headers: feedHeaders('application/atom+xml; charset=utf-8') });
};
