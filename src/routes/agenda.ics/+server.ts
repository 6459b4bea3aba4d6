import { calendarIcs } from '$server/agenda/agenda.feeds';
import { feedHeaders, feedRequest } from '$server/agenda/agenda.http';
import type { RequestHandler } from './$types';

// Public, no account: the published agenda as iCalendar, with the page's filters (?municipality=…&category=…&lang=…&locale=…).
export const GET: RequestHandler = async ({ url }) => {
	const { events, context } = await feedRequest(url, 'ics');
	return new Response(calendarIcs(events, context), { headers: { ...feedHeaders('text/calendar; charset=utf-8'), 'Content-Disposition': 'inline; filename="agenda.ics"' } });
};
