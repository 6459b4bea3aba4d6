import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { isLocale, sourceLocale } from '$lib/i18n/locales';
import { runtime } from '../app/runtime';
import { publicOrigin } from '../http/security-headers';
import { serverTranslator } from '../i18n/server-translator';
import { createTerritoryRepository } from '../territory/territory.repository';
import { createAgendaRepository, timingOf, type EventRow } from './agenda.repository';
import { agendaQueryString, parseAgendaQuery } from './agenda.schemas';
import { brusselsInstant, brusselsToday, addDays } from './brussels-time';
import { describeForForm } from './recurrence';
import { AgendaStateError } from './agenda.usecases';
import type { PublishedEvent } from './agenda.types';

// What the agenda's routes share: loading a subject or 404, the form's saved values, the feeds' query.

export const agendaRepo = () => createAgendaRepository({ db: runtime().database.db });

/** The working version of an activity (pro routes): 404 when malformed or unknown. */
export async function loadWorkingEvent(id: string): Promise<EventRow> {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const row = await agendaRepo().byId(id);
	if (!row) error(404, 'Not Found');
	return row;
}

/** A public activity (published or cancelled): 404 for a draft, a proposal or an unknown id. */
export async function loadPublicEvent(id: string): Promise<PublishedEvent> {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const e = await agendaRepo().publishedById(id);
	if (!e) error(404, 'Not Found');
	return e;
}

/** A step not possible in the current state answers 409 with a message in the page's language. */
export async function inState<T>(run: () => Promise<T>) {
	try {
		return await run();
	} catch (e) {
		if (e instanceof AgendaStateError) return fail(409, { error: 'agenda.errors.state' });
		throw e;
	}
}

/** The form's values from the working version (what was saved). */
export async function formValues(row: EventRow) {
	const texts = await agendaRepo().texts(row.id);
	const fr = (field: string) => texts.find((t) => t.field === field && t.locale === 'fr')?.text ?? '';
	const timing = timingOf(row);
	const repeat = describeForForm(row.rrule, row.startDate);
	return {
		title: fr('title'),
		description: fr('description'),
		category: row.category,
		startDate: row.startDate,
		startTime: timing.startTime ?? '',
		endDate: row.endDate ?? '',
		endTime: timing.endTime ?? '',
		repeat: repeat.repeat,
		until: repeat.until,
		count: repeat.count,
		custom: repeat.custom,
		exdates: row.exdates.join('\n'),
		mode: row.online ? 'online' : 'place',
		placeName: row.placeName ?? '',
		street: row.street ?? '',
		postalCode: row.postalCode ?? '',
		nisCode: row.nisCode ?? '',
		onlineUrl: row.onlineUrl ?? '',
		free: row.free,
		price: fr('price'),
		registration: row.registration,
		registrationUrl: row.registrationUrl ?? '',
		registrationPhone: row.registrationPhone ?? '',
		languages: row.languages,
		interpreter: row.interpreter,
		childcare: row.childcare,
		wheelchair: row.wheelchair,
		audience: row.audience,
		url: row.url ?? '',
		imageAlt: fr('image_alt')
	};
}

/** The municipalities for the forms' and filters' lists (French names, by arrondissement). */
export async function municipalityOptions() {
	const list = await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities();
	return list.map((m) => ({ nisCode: m.nisCode, name: m.nameFr, arrondissement: m.arrondissement }));
}

/**
 * The feeds' request: the agenda page's filters plus `locale` (the texts' language, default
 * French). Feeds carry what is coming: from 30 days ago (calendars keep recent dates) to a year
 * ahead for iCalendar, the next 90 days for RSS, Atom and JSON.
 */
export async function feedRequest(url: URL, kind: 'ics' | 'news') {
	const { query } = parseAgendaQuery(url.searchParams);
	const requested = url.searchParams.get('locale') ?? url.searchParams.get('hl');
	const locale = isLocale(requested) ? requested : sourceLocale;
	const now = new Date();
	const today = brusselsToday(now);
	const from = brusselsInstant(kind === 'ics' ? addDays(today, -30) : today);
	const to = brusselsInstant(addDays(today, kind === 'ics' ? 366 : 90));
	const filters = { municipality: query.municipality, category: query.category, lang: query.lang, free: query.free === '1', childcare: query.childcare === '1' };
	const events = await agendaRepo().eventsBetween(from, to, filters);
	const origin = publicOrigin(url);
	const filterString = agendaQueryString({ municipality: query.municipality, category: query.category, lang: query.lang, free: query.free, childcare: query.childcare });
	const withLocale = [filterString, `locale=${locale}`].filter(Boolean).join('&');
	const t = serverTranslator(locale);
	return {
		events,
		now,
		context: { origin, locale, t, title: t('agenda.feed.title'), selfUrl: `${origin}${url.pathname}?${withLocale}`, pageUrl: `${origin}/${locale}/agenda${filterString ? `?${filterString}` : ''}` },
		links: { rss: `${origin}/agenda.rss?${withLocale}`, atom: `${origin}/agenda.atom?${withLocale}`, json: `${origin}/agenda.json?${withLocale}` }
	};
}

/** Headers of a feed: its type, a short public cache, and readable from other sites. */
export const feedHeaders = (type: string) => ({ 'Content-Type': type, 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' });
