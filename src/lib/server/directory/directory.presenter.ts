import { hasEvening, hasWeekend, openingState, announcedExceptions } from './hours';
import { pick, type Localised, type PublishedService } from './directory.types';
import { iconFor } from './taxonomy';
import { isStale } from './staleness';

export type Text = { text: string; lang: string; machine: boolean; fallback: boolean } | null;

const text = (field: Localised, locale: string): Text => {
	const p = pick(field, locale);
	return p ? { text: p.text, lang: p.lang, machine: p.status === 'machine', fallback: p.fallback } : null;
};

function openState(s: PublishedService, now: Date) {
	const state = openingState(s.hours, s.exceptions, s.closedOnPublicHolidays, now);
	if (state.open) return { kind: 'now' as const, time: state.closesAt };
	if (!state.next) return { kind: 'unknown' as const };
	const today = new Date(now.toLocaleString('en-US', { timeZone: 'Europe/Brussels' })).toDateString() === new Date(`${state.next.date}T12:00:00`).toDateString();
	return { kind: today ? ('today' as const) : ('later' as const), time: state.next.opensAt, date: state.next.date, weekday: state.next.weekday };
}

/** A result card: what a newcomer needs to choose, in their language. */
export function presentCard(s: PublishedService, locale: string, now: Date, distanceKm: number | null) {
	return {
		id: s.id,
		name: text(s.name, locale),
		organisation: s.organisation.name,
		municipality: s.locations[0]?.municipality ?? null,
		distanceKm,
		needs: s.needs.map((n) => ({ id: n, icon: iconFor(n) })),
		open: openState(s, now),
		/** Unchecked for over 18 months: the card and the page say so. */
		stale: isStale(s, now),
		badges: {
			evening: hasEvening(s.hours),
			weekend: hasWeekend(s.hours),
			childcare: s.childcare,
			free: s.free,
			walkIn: s.accessModes.includes('walk_in'),
			noPapers: s.audiences.includes('undocumented'),
			wheelchair: s.wheelchair
		}
	};
}

/** The service page: everything public about one service, texts in the visitor's language. */
export function presentService(s: PublishedService, locale: string, now: Date) {
	return {
		...presentCard(s, locale, now, null),
		description: text(s.description, locale),
		documents: text(s.documents, locale),
		feeDetails: text(s.feeDetails, locale),
		welcomeType: s.welcomeType,
		ageMin: s.ageMin,
		ageMax: s.ageMax,
		gender: s.gender,
		accessModes: s.accessModes,
		capacity: s.capacity,
		languages: s.languages,
		locations: s.locations,
		hours: s.hours,
		closedOnPublicHolidays: s.closedOnPublicHolidays,
		exceptions: announcedExceptions(s.exceptions, now).map((e) => ({ ...e, message: text(e.message, locale) })),
		email: s.email,
		phone: s.phone,
		url: s.url,
		lastVerifiedAt: s.lastVerifiedAt
	};
}

/** schema.org JSON-LD for a service page (GovernmentService/Service with its provider and hours). */
export function serviceJsonLd(s: PublishedService, url: string, locale: string) {
	const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
	const name = pick(s.name, locale)?.text;
	const loc = s.locations[0];
	return {
		'@context': 'https://schema.org',
		'@type': 'Service',
		'@id': url,
		url,
		name,
		description: pick(s.description, locale)?.text,
		availableLanguage: s.languages,
		isAccessibleForFree: s.free,
		provider: {
			'@type': 'Organization',
			name: s.organisation.name,
			...(loc ? { address: { '@type': 'PostalAddress', streetAddress: loc.street, postalCode: loc.postalCode, addressLocality: loc.municipality, addressCountry: 'BE' } } : {})
		},
		hoursAvailable: s.hours.map((h) => ({ '@type': 'OpeningHoursSpecification', dayOfWeek: `https://schema.org/${days[h.weekday - 1]}`, opens: h.opensAt, closes: h.closesAt })),
		...(s.phone ? { telephone: s.phone } : {}),
		...(s.email ? { email: s.email } : {}),
		...(loc?.lat != null && loc?.lon != null ? { areaServed: { '@type': 'Place', geo: { '@type': 'GeoCoordinates', latitude: loc.lat, longitude: loc.lon } } } : {}),
		...(s.lastVerifiedAt ? { dateModified: s.lastVerifiedAt } : {})
	};
}
