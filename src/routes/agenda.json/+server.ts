import { jsonFeed } from '$server/agenda/agenda.feeds';
import { feedHeaders, feedRequest } from '$server/agenda/agenda.http';
import type { RequestHandler } from './$types';

// Public, no account: the next 90 days of the agenda as JSON Feed 1.1, with the page's filters.
export const GET: RequestHandler = async ({ url }) => {
	const { events, context, now } = await feedRequest(url, 'news');
	return new Response(JSON.stringify(jsonFeed(events, context, now)), { headers: feedHeaders('application/feed+json; charset=utf-8') });
};
