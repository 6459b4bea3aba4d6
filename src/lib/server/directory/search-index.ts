import MiniSearch from 'minisearch';
import { hasEvening, hasWeekend, openingState } from './hours';
import type { PublishedService } from './directory.types';
import { expandTerm, synonyms } from './taxonomy';

export type SearchFilters = {
	q?: string;
	need?: string;
	/** NIS code of the place the person is looking from. */
	nis?: string;
	distanceKm?: number;
	lang?: string;
	openNow?: boolean;
	evening?: boolean;
	weekend?: boolean;
	childcare?: boolean;
	free?: boolean;
	walkIn?: boolean;
	noPapers?: boolean;
	wheelchair?: boolean;
	page?: number;
	perPage?: number;
};

export const booleanFilters = ['openNow', 'evening', 'weekend', 'childcare', 'free', 'walkIn', 'noPapers', 'wheelchair'] as const;
export type BooleanFilter = (typeof booleanFilters)[number];

export type Place = { nisCode: string; lat: number; lon: number };
export type SearchHit = { service: PublishedService; score: number; distanceKm: number | null };
export type SearchResult = { total: number; hits: SearchHit[]; facets: Record<BooleanFilter, number> & { needs: Record<string, number> } };

/** Lower case, no accents or Arabic diacritics/tatweel: "Français" and "francais" are one word. */
export function fold(term: string): string {
	return term.normalize('NFD').replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, '').toLowerCase();
}

const stopWords = new Set(
	['de', 'du', 'des', 'le', 'la', 'les', 'l', 'd', 'a', 'au', 'aux', 'en', 'et', 'pour', 'un', 'une', 'sur', 'avec', 'the', 'of', 'for', 'in', 'to', 'and', 'an', 'van', 'het', 'een', 'voor', 'der', 'die', 'das', 'und', 'für'].map(fold)
);

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLon = (b.lon - a.lon) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
	return 12_742 * Math.asin(Math.sqrt(h));
}

type Doc = { id: string; name: string; description: string; organisation: string; keywords: string; places: string };

/**
 * The public directory's search: an in-process index of the published snapshots (MiniSearch for
 * text with prefixes and typos; filters, distance and counts computed in memory), rebuilt when
 * the directory's version changes. Each app process keeps its own.
 */
export function createSearchIndex(services: PublishedService[], { needLabels, centroids }: { needLabels: (termId: string) => string[]; centroids: Map<string, { lat: number; lon: number }> }) {
	const byId = new Map(services.map((s) => [s.id, s]));
	const derived = new Map(
		services.map((s) => [
			s.id,
			{
				evening: hasEvening(s.hours),
				weekend: hasWeekend(s.hours),
				points: s.locations.map((l) => (l.lat !== null && l.lon !== null ? { lat: l.lat, lon: l.lon } : centroids.get(l.nisCode))).filter((p): p is { lat: number; lon: number } => Boolean(p))
			}
		])
	);

	const index = new MiniSearch<Doc>({
		fields: ['name', 'description', 'organisation', 'keywords', 'places'],
		storeFields: [],
		processTerm: (term) => {
			const t = fold(term);
			return stopWords.has(t) || t.length === 0 ? null : t;
		},
		searchOptions: {
			boost: { name: 3, keywords: 2, organisation: 1.5, description: 1, places: 1 },
			prefix: (term) => term.length >= 4,
			fuzzy: (term) => (term.length >= 5 ? 0.2 : term.length >= 4 ? 1 : false)
		}
	});
	index.addAll(
		services.map((s) => ({
			id: s.id,
			name: Object.values(s.name).map((v) => v.text).join(' \n '),
			description: Object.values(s.description).map((v) => v.text).join(' \n '),
			organisation: s.organisation.name,
			keywords: s.needs.flatMap((n) => [...needLabels(n), ...Object.values(synonyms[n] ?? {}).flat()]).join(' \n '),
			places: s.locations.map((l) => `${l.municipality} ${l.postalCode}`).join(' ')
		}))
	);

	function predicates(s: PublishedService, now: Date): Record<BooleanFilter, () => boolean> {
		const d = derived.get(s.id)!;
		return {
			openNow: () => openingState(s.hours, s.exceptions, s.closedOnPublicHolidays, now).open,
			evening: () => d.evening,
			weekend: () => d.weekend,
			childcare: () => s.childcare,
			free: () => s.free,
			walkIn: () => s.accessModes.includes('walk_in'),
			noPapers: () => s.audiences.includes('undocumented'),
			wheelchair: () => s.wheelchair
		};
	}

	function search(filters: SearchFilters, { now = new Date(), place }: { now?: Date; place?: Place } = {}): SearchResult {
		const perPage = Math.min(Math.max(filters.perPage ?? 20, 1), 100);
		const page = Math.max(filters.page ?? 1, 1);

		// 1. Text relevance (all services when there is no text).
		let relevance: Map<string, number>;
		const q = filters.q?.trim().slice(0, 200);
		if (q) {
			let hits = index.search(q, { combineWith: 'AND' });
			if (hits.length === 0) hits = index.search(q, { combineWith: 'OR' });
			const max = hits[0]?.score ?? 1;
			relevance = new Map(hits.map((h) => [String(h.id), h.score / max]));
		} else {
			relevance = new Map(services.map((s) => [s.id, 1]));
		}

		// 2. Need, place and language narrow the candidates.
		const wanted = filters.need ? new Set(expandTerm(filters.need)) : null;
		const radius = filters.distanceKm ?? 10;
		const candidates: SearchHit[] = [];
		for (const [id, rel] of relevance) {
			const s = byId.get(id)!;
			if (wanted && !s.needs.some((n) => wanted.has(n))) continue;
			if (filters.lang && !s.languages.includes(filters.lang)) continue;
			let km: number | null = null;
			if (place) {
				if (s.eligibleNis.length && !s.eligibleNis.includes(place.nisCode)) continue;
				const inside = s.locations.some((l) => l.nisCode === place.nisCode);
				const points = derived.get(id)!.points;
				km = points.length ? Math.min(...points.map((p) => distanceKm(place, p))) : null;
				if (inside) km = Math.min(km ?? 0, 1);
				if (!inside && (km === null || km > radius)) continue;
			}
			const nearness = km === null ? 0 : 1 / (1 + km / 5);
			candidates.push({ service: s, score: rel + 0.5 * nearness, distanceKm: km === null ? null : Math.round(km * 10) / 10 });
		}

		// 3. Yes/no filters, with the count each would give if ticked, the others unchanged.
		const active = booleanFilters.filter((f) => filters[f]);
		const facets = Object.fromEntries(booleanFilters.map((f) => [f, 0])) as Record<BooleanFilter, number>;
		const needs: Record<string, number> = {};
		const kept: SearchHit[] = [];
		for (const hit of candidates) {
			const p = predicates(hit.service, now);
			const failing = active.filter((f) => !p[f]());
			if (failing.length === 0) {
				kept.push(hit);
				for (const n of hit.service.needs) needs[n] = (needs[n] ?? 0) + 1;
			}
			for (const f of booleanFilters) {
				const others = failing.filter((x) => x !== f);
				if (others.length === 0 && (active.includes(f) ? !failing.includes(f) : p[f]())) facets[f]++;
			}
		}
		kept.sort((a, b) => b.score - a.score || (a.distanceKm ?? 0) - (b.distanceKm ?? 0) || a.service.id.localeCompare(b.service.id));
		return { total: kept.length, hits: kept.slice((page - 1) * perPage, page * perPage), facets: { ...facets, needs } };
	}

	return { search, size: services.length, get: (id: string) => byId.get(id) ?? null };
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
