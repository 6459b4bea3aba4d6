import { agendaRepo, municipalityOptions } from '$server/agenda/agenda.http';
import { presentOccurrence } from '$server/agenda/agenda.presenter';
import { agendaQueryString, parseAgendaQuery } from '$server/agenda/agenda.schemas';
import { categories, spokenLanguages } from '$server/agenda/agenda.types';
import { addDays, brusselsInstant, brusselsToday } from '$server/agenda/brussels-time';
import type { PageServerLoad } from './$types';

/** A chosen range is shown up to three months at once. */
const MAX_RANGE_DAYS = 92;

// Public, no account: one GET answers with the dates of the period, by day, and the form as typed.
export const load: PageServerLoad = async ({ url, locals }) => {
	const { query, ignored } = parseAgendaQuery(url.searchParams);
	const today = brusselsToday(new Date());
	const view = query.view ?? 'week';
	const from = query.from ?? today;
	const step = view === 'day' ? 1 : 7;
	// An explicit end date (inclusive) makes a range; else one day or one week from `from`.
	let last = query.to && query.to >= from ? query.to : addDays(from, step - 1);
	if (query.to && query.to < from) ignored.push('to');
	if (addDays(from, MAX_RANGE_DAYS - 1) < last) last = addDays(from, MAX_RANGE_DAYS - 1);
	const rows = await agendaRepo().occurrencesBetween(brusselsInstant(from), brusselsInstant(addDays(last, 1)), {
		municipality: query.municipality,
		category: query.category,
		lang: query.lang,
		free: query.free === '1',
		childcare: query.childcare === '1'
	}, 600);
	// By Brussels day; an activity that began earlier and still runs is shown on the first day.
	const days = new Map<string, ReturnType<typeof presentOccurrence>[]>();
	for (const r of rows) {
		const day = r.day < from ? from : r.day;
		if (!days.has(day)) days.set(day, []);
		days.get(day)!.push(presentOccurrence(r, locals.locale));
	}
	const filters = { municipality: query.municipality, category: query.category, lang: query.lang, free: query.free, childcare: query.childcare };
	const filterString = agendaQueryString(filters);
	const feedQuery = [filterString, `locale=${locals.locale}`].filter(Boolean).join('&');
	const ranged = Boolean(query.to && query.to >= from);
	return {
		form: { ...filters, from: query.from ?? '', to: query.to ?? '', view },
		period: { from, last, view, ranged, today },
		previous: ranged ? null : agendaQueryString({ ...filters, view, from: addDays(from, -step) }),
		next: ranged ? null : agendaQueryString({ ...filters, view, from: addDays(from, step) }),
		days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, items]) => ({ date, items })),
		total: rows.length,
		ignored,
		feeds: { ics: `/agenda.ics?${feedQuery}`, rss: `/agenda.rss?${feedQuery}`, atom: `/agenda.atom?${feedQuery}`, json: `/agenda.json?${feedQuery}` },
		municipalities: await municipalityOptions(),
		categories,
		spokenLanguages: spokenLanguages.filter((l) => l !== 'sgn-BE-fr')
	};
};
