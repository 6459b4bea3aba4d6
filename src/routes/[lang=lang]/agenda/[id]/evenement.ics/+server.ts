import { calendarIcs } from '$server/agenda/agenda.feeds';
import { loadPublicEvent } from '$server/agenda/agenda.http';
import { serverTranslator } from '$server/i18n/server-translator';
import { publicOrigin } from '$server/http/security-headers';
import type { RequestHandler } from './$types';

// Public: "add to calendar" for one published activity, in the page's language (a 404 otherwise).
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const e = await loadPublicEvent(params.id);
	const t = serverTranslator(locals.locale);
	const text = calendarIcs([e], { origin: publicOrigin(url), locale: locals.locale, t, title: t('agenda.feed.title'), single: true });
	return new Response(text, { headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="evenement.ics"', 'Cache-Control': 'public, max-age=300' } });
};
