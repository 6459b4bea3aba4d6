import { rssFeed } from '$server/agenda/agenda.feeds';
import { feedHeaders, feedRequest } from '$server/agenda/agenda.http';
import type { RequestHandler } from './$types';

// Public, no account: the next 90 days of the agenda as RSS 2.0, with the page's filters.
export const GET: RequestHandler = async ({ url }) => {
	const { events, context, now, links } = await feedRequest(url, 'news');
	return new Response(rssFeed(events, context, now, links), { headers: feedHeaders('application/rss+xml; charset=utf-8') });
};
