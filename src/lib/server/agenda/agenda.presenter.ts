import type { RuleFacts } from '$lib/agenda/format';
import { pick } from '../directory/directory.types';
import { isoWithOffset } from './brussels-time';
import { timingOf } from './agenda.repository';
import type { PublishedEvent } from './agenda.types';
import { expandTiming, ruleFacts, upcoming } from './recurrence';

/** Where an image is served: immutable (a new upload gets a new id). */
export const imagePath = (id: string, size: 'large' | 'small') => `/agenda/images/${id}-${size}.jpg`;

export function factsOf(rule: string | null): RuleFacts | null {
	const f = rule ? ruleFacts(rule) : null;
	return f ? { ...f, until: f.until?.toISOString() ?? null } : null;
}

const text = (field: PublishedEvent['title'], locale: string) => {
	const p = pick(field, locale);
	return p ? { text: p.text, lang: p.lang, fallback: p.fallback, machine: p.status === 'machine' } : null;
};

/** The place in one line: "Bibliothèque, Rue X 7, 4102 Seraing", or null when online. */
export function placeLine(e: PublishedEvent): string | null {
	if (!e.place) return null;
	const street = [e.place.street, [e.place.postalCode, e.place.municipality].filter(Boolean).join(' ')].filter(Boolean).join(', ');
	return [e.place.name, street].filter(Boolean).join(', ') || null;
}

/** A line of the agenda: one date of one activity. */
export function presentOccurrence(o: { start: Date; end: Date | null; allDay: boolean; cancelled: boolean; event: PublishedEvent }, locale: string) {
	const e = o.event;
	const alt = text(e.imageAlt, locale);
	return {
		id: e.id,
		title: text(e.title, locale),
		category: e.category,
		start: o.start.toISOString(),
		end: o.end?.toISOString() ?? null,
		allDay: o.allDay,
		cancelled: o.cancelled,
		municipality: e.place?.municipality ?? null,
		online: e.online,
		free: e.free,
		childcare: e.childcare,
		interpreter: e.interpreter,
		wheelchair: e.wheelchair,
		audience: e.audience,
		languages: e.languages,
		recurring: e.rrule !== null,
		image: e.image && alt ? { src: imagePath(e.image.id, 'small'), width: e.image.smallWidth, height: e.image.smallHeight, alt: alt.text, lang: alt.lang } : null
	};
}
export type OccurrenceCard = ReturnType<typeof presentOccurrence>;

/** The public page of an activity: texts in the visitor's language (or French, said so) and its next dates. */
export function presentEvent(e: PublishedEvent, locale: string, now: Date) {
	const expanded = expandTiming(timingOf(e));
	const all = expanded.ok ? expanded.occurrences : [];
	const next = upcoming(all, now, 12);
	const alt = text(e.imageAlt, locale);
	return {
		id: e.id,
		status: e.status,
		title: text(e.title, locale),
		description: text(e.description, locale),
		price: text(e.price, locale),
		category: e.category,
		organiser: e.organiser.name,
		dates: next.map((o) => ({ start: o.start.toISOString(), end: o.end?.toISOString() ?? null, allDay: o.allDay })),
		moreDates: upcoming(all, now).length - next.length,
		past: next.length === 0,
		last: all.length ? { start: all[all.length - 1]!.start.toISOString(), end: all[all.length - 1]!.end?.toISOString() ?? null, allDay: all[0]!.allDay } : null,
		recurrence: factsOf(e.rrule),
		online: e.online,
		onlineUrl: e.onlineUrl,
		place: e.place,
		placeLine: placeLine(e),
		free: e.free,
		registration: e.registration,
		registrationUrl: e.registrationUrl,
		registrationPhone: e.registrationPhone,
		languages: e.languages,
		interpreter: e.interpreter,
		childcare: e.childcare,
		wheelchair: e.wheelchair,
		audience: e.audience,
		url: e.url,
		image: e.image && alt ? { src: imagePath(e.image.id, 'large'), width: e.image.width, height: e.image.height, alt: alt.text, lang: alt.lang } : null
	};
}
export type EventPage = ReturnType<typeof presentEvent>;

const scheduleDays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * schema.org Event for search engines: the next date (or the last one), the place or the
 * online link, free or not, cancelled or not; a simple weekly or daily recurrence as a Schedule.
 */
export function eventJsonLd(e: EventPage, canonical: string, origin: string) {
	const when = e.dates[0] ?? e.last;
	const facts = e.recurrence;
	const place = e.place
		? {
				'@type': 'Place',
				name: e.place.name ?? e.placeLine ?? undefined,
				address: { '@type': 'PostalAddress', streetAddress: e.place.street ?? undefined, postalCode: e.place.postalCode ?? undefined, addressLocality: e.place.municipality ?? undefined, addressCountry: 'BE' }
			}
		: undefined;
	return {
		'@context': 'https://schema.org',
		'@type': 'Event',
		'@id': canonical,
		url: canonical,
		name: e.title?.text,
		description: e.description?.text || undefined,
		inLanguage: e.languages.length ? e.languages : undefined,
		startDate: when ? (when.allDay ? when.start.slice(0, 10) : isoWithOffset(new Date(when.start))) : undefined,
		endDate: when?.end && !when.allDay ? isoWithOffset(new Date(when.end)) : undefined,
		eventStatus: e.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
		eventAttendanceMode: e.online ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
		location: e.online ? { '@type': 'VirtualLocation', url: e.onlineUrl ?? canonical } : place,
		image: e.image ? [`${origin}${e.image.src}`] : undefined,
		organizer: { '@type': 'Organization', name: e.organiser },
		isAccessibleForFree: e.free,
		offers: e.free ? { '@type': 'Offer', price: 0, priceCurrency: 'EUR', url: e.registrationUrl ?? canonical } : e.registrationUrl ? { '@type': 'Offer', url: e.registrationUrl, priceCurrency: 'EUR' } : undefined,
		eventSchedule:
			facts && (facts.freq === 'weekly' || facts.freq === 'daily') && e.dates[0]
				? {
						'@type': 'Schedule',
						repeatFrequency: facts.freq === 'daily' ? `P${facts.interval}D` : `P${facts.interval}W`,
						byDay: facts.freq === 'weekly' ? facts.weekdays.map((d) => `https://schema.org/${scheduleDays[d - 1]}`) : undefined,
						startDate: e.dates[0].start.slice(0, 10),
						endDate: facts.until ? facts.until.slice(0, 10) : undefined,
						repeatCount: facts.count ?? undefined,
						scheduleTimezone: 'Europe/Brussels'
					}
				: undefined,
		audience: e.audience !== 'all' ? { '@type': 'Audience', audienceType: e.audience } : undefined
	};
}

/** JSON-LD inside a script element: "<" escaped so that no text can close the element. */
export const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
