import { json } from '@sveltejs/kit';
import { isLocale, locales } from '$lib/i18n/locales';
import { catalogues } from '../i18n/catalogues';
import { toOpeningHours, hasEvening, hasWeekend } from './hours';
import { pick, type PublishedService } from './directory.types';
import { needs } from './taxonomy';

/** Open data: any site may read the API (GET only, no credentials). */
export const apiHeaders = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=60' };

/** An RFC 9457 problem document. */
export function problem(status: number, title: string, extra: Record<string, unknown> = {}) {
	return json({ type: 'about:blank', status, title, ...extra }, { status, headers: { ...apiHeaders, 'Content-Type': 'application/problem+json' } });
}

export function responseLocale(value: string | null): string {
	return value && isLocale(value) ? value : 'fr';
}

/** A service as the API gives it: texts in one language (with status), hours also as OSM opening_hours. */
export function serviceResource(s: PublishedService, locale: string, origin: string) {
	const text = (f: PublishedService['name']) => {
		const p = pick(f, locale);
		return p ? { text: p.text, language: p.lang, status: p.status, fallback: p.fallback } : null;
	};
	return {
		id: s.id,
		url: `${origin}/${locale}/annuaire/${s.id}`,
		organization: { id: s.organisation.id, name: s.organisation.name },
		name: text(s.name),
		description: text(s.description),
		needs: s.needs,
		welcome_type: s.welcomeType,
		audiences: s.audiences,
		access_modes: s.accessModes,
		free: s.free,
		childcare: s.childcare,
		wheelchair: s.wheelchair,
		evening: hasEvening(s.hours),
		weekend: hasWeekend(s.hours),
		capacity: s.capacity,
		languages: s.languages,
		eligible_municipalities: s.eligibleNis,
		locations: s.locations.map((l) => ({ id: l.id, address: `${l.street}, ${l.postalCode} ${l.municipality}`, municipality: l.nisCode, latitude: l.lat, longitude: l.lon })),
		schedule: s.hours.map((h) => ({ weekday: h.weekday, opens_at: h.opensAt, closes_at: h.closesAt })),
		opening_hours: toOpeningHours(s.hours, s.closedOnPublicHolidays),
		exceptions: s.exceptions.map((e) => ({ starts_on: e.startsOn, ends_on: e.endsOn, kind: e.kind, hours: e.hours ?? null, notice_from: e.noticeFrom })),
		phone: s.phone,
		email: s.email,
		website: s.url,
		last_verified_at: s.lastVerifiedAt,
		updated_at: s.updatedAt
	};
}

export function taxonomyResource() {
	const label = (id: string) => Object.fromEntries(locales.map((l) => [l, catalogues[l][`needs.${id}`] ?? catalogues.fr[`needs.${id}`]]));
	return needs.flatMap((t, i) => [
		{ id: t.id, parent_id: null, icon: t.icon, position: i, labels: label(t.id) },
		...(t.children ?? []).map((c, j) => ({ id: c.id, parent_id: t.id, icon: t.icon, position: j, labels: label(c.id) }))
	]);
}
