import { TZDate } from '@date-fns/tz';
import { Feed } from 'feed';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Translate } from '$lib/i18n/translator';
import { recurrenceText, occurrenceText } from '$lib/agenda/format';
import { pick } from '../directory/directory.types';
import { TIME_ZONE } from './brussels-time';
import { factsOf, imagePath, placeLine } from './agenda.presenter';
import { timingOf } from './agenda.repository';
import type { PublishedEvent } from './agenda.types';
import { expandTiming, upcoming } from './recurrence';

/**
 * Europe/Brussels as a VTIMEZONE (the EU rule since 1996: summer time from the last Sunday of
 * March at 01:00 UTC to the last Sunday of October at 01:00 UTC). Calendar programs need it to
 * place TZID times; a test checks it against the time-zone database through ical.js.
 */
export const BRUSSELS_VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	'TZID:Europe/Brussels',
	'X-LIC-LOCATION:Europe/Brussels',
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
].join('\r\n');

type FeedContext = { origin: string; locale: string; t: Translate; title: string; selfUrl: string; pageUrl: string };

const textIn = (field: PublishedEvent['title'], locale: string) => pick(field, locale)?.text ?? '';
const eventUrl = (c: { origin: string; locale: string }, id: string) => `${c.origin}/${c.locale}/agenda/${id}`;
const compact = (date: string, time: string | null) => `${date.replace(/-/g, '')}${time ? `T${time.replace(':', '')}00` : ''}`;

/**
 * An iCalendar file of activities: one VEVENT per activity with its RRULE and EXDATE kept (a
 * calendar program expands the dates itself), in Europe/Brussels with its VTIMEZONE; cancelled
 * ones as STATUS:CANCELLED so that subscribed calendars update.
 */
export function calendarIcs(events: PublishedEvent[], c: Omit<FeedContext, 'selfUrl' | 'pageUrl'> & { single?: boolean }): string {
	const host = new URL(c.origin).hostname;
	const cal = ical({ name: c.title, prodId: { company: 'Passerelle', product: 'agenda', language: c.locale.toUpperCase() }, method: c.single ? ICalCalendarMethod.PUBLISH : undefined });
	cal.x([{ key: 'X-WR-TIMEZONE', value: TIME_ZONE }]);
	for (const e of events) {
		const first = expandTiming({ ...timingOf(e), rrule: null, exdates: [] });
		if (!first.ok) continue;
		const o = first.occurrences[0]!;
		const allDay = e.startTime === null;
		const description = [textIn(e.description, c.locale), e.free ? c.t('agenda.event.free') : textIn(e.price, c.locale), recurrenceText(factsOf(e.rrule), c.locale, c.t), eventUrl(c, e.id)].filter(Boolean).join('\n\n');
		const exdates = e.rrule && e.exdates.length ? (allDay ? `\nEXDATE;VALUE=DATE:${e.exdates.map((d) => compact(d, null)).join(',')}` : `\nEXDATE;TZID=${TIME_ZONE}:${e.exdates.map((d) => compact(d, e.startTime)).join(',')}`) : '';
		cal.createEvent({
			id: `${e.id}@${host}`,
			// Grows with every publication, so calendars replace their copy.
			sequence: Math.max(0, Math.floor((Date.parse(e.updatedAt) - Date.parse(e.publishedAt)) / 1000)),
			start: new TZDate(o.start.getTime(), TIME_ZONE),
			end: o.end ? new TZDate(o.end.getTime(), TIME_ZONE) : null,
			allDay,
			// Dates of all-day events are Brussels dates too (VALUE=DATE, no TZID written).
			timezone: TIME_ZONE,
			repeating: e.rrule ? `RRULE:${e.rrule}${exdates}` : null,
			summary: textIn(e.title, c.locale),
			description,
			location: e.online ? e.onlineUrl : placeLine(e),
			url: eventUrl(c, e.id),
			categories: [{ name: c.t(`agenda.category.${e.category}`) }],
			status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
			created: new Date(e.publishedAt),
			lastModified: new Date(e.updatedAt),
			stamp: new Date(e.updatedAt)
		});
	}
	const text = cal.toString();
	// The time zone's definition goes before the first event (or at the end of an empty calendar).
	const at = text.indexOf('BEGIN:VEVENT');
	const end = text.lastIndexOf('END:VCALENDAR');
	return at >= 0 ? `${text.slice(0, at)}${BRUSSELS_VTIMEZONE}\r\n${text.slice(at)}` : `${text.slice(0, end)}${BRUSSELS_VTIMEZONE}\r\n${text.slice(end)}`;
}

/** One feed item per activity: its title, its next date (or the last) and its description. */
function items(events: PublishedEvent[], c: FeedContext, now: Date) {
	return events.map((e) => {
		const expanded = expandTiming(timingOf(e));
		const all = expanded.ok ? expanded.occurrences : [];
		const next = upcoming(all, now, 1)[0] ?? all[all.length - 1];
		const when = next ? occurrenceText(next.start, next.end, next.allDay, c.locale) : '';
		const repeat = recurrenceText(factsOf(e.rrule), c.locale, c.t);
		const title = textIn(e.title, c.locale);
		const summary = [when, repeat, e.online ? c.t('agenda.event.online') : placeLine(e), e.free ? c.t('agenda.event.free') : textIn(e.price, c.locale)].filter(Boolean).join(' · ');
		return {
			id: eventUrl(c, e.id),
			title: e.status === 'cancelled' ? c.t('agenda.feed.cancelledTitle', { title }) : title,
			link: eventUrl(c, e.id),
			summary,
			content: [summary, textIn(e.description, c.locale)].filter(Boolean).join('\n\n'),
			published: new Date(e.publishedAt),
			updated: new Date(e.updatedAt),
			image: e.image ? `${c.origin}${imagePath(e.image.id, 'small')}` : undefined,
			category: c.t(`agenda.category.${e.category}`)
		};
	});
}

function feedOf(events: PublishedEvent[], c: FeedContext, now: Date, links: { rss: string; atom: string; json: string }) {
	const feed = new Feed({
		id: c.selfUrl,
		title: c.title,
		description: c.t('agenda.feed.description'),
		link: c.pageUrl,
		language: c.locale,
		updated: events.length ? new Date(Math.max(...events.map((e) => Date.parse(e.updatedAt)))) : now,
		generator: 'Passerelle',
		feedLinks: links,
		copyright: ''
	});
	for (const i of items(events, c, now))
		feed.addItem({ title: i.title, id: i.id, link: i.link, description: i.summary, content: i.content, date: i.updated, published: i.published, image: i.image ? { url: i.image, type: 'image/jpeg' } : undefined, category: [{ name: i.category }] });
	return feed;
}

export const rssFeed = (events: PublishedEvent[], c: FeedContext, now: Date, links: { rss: string; atom: string; json: string }) => feedOf(events, c, now, links).rss2();
export const atomFeed = (events: PublishedEvent[], c: FeedContext, now: Date, links: { rss: string; atom: string; json: string }) => feedOf(events, c, now, links).atom1();

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function jsonFeed(events: PublishedEvent[], c: FeedContext, now: Date) {
	return {
		version: 'https://jsonfeed.org/version/1.1',
		title: c.title,
		home_page_url: c.pageUrl,
		feed_url: c.selfUrl,
		description: c.t('agenda.feed.description'),
		language: c.locale,
		items: items(events, c, now).map((i) => ({
			id: i.id,
			url: i.link,
			title: i.title,
			content_text: i.content,
			summary: i.summary,
			image: i.image,
			date_published: i.published.toISOString(),
			date_modified: i.updated.toISOString(),
			tags: [i.category]
		}))
	};
}
