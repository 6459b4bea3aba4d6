import MiniSearch from 'minisearch';
import { belgianHolidays, brusselsNow, hasEvening, hasWeekend, isOpenAt } from './hours';
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
 * The public directory's search: an in-process index of the published snapshots, rebuilt when
 * the directory's version changes (each app process keeps its own).
 * - Text: MiniSearch (prefixes, typos, need labels in 12 languages and synonyms), with the
 *   relevance of the last 500 distinct queries kept until the next rebuild.
 * - Filters: yes/no facts packed in one byte per service; need membership as one byte array per
 *   term; "open now" computed for all services once a minute.
 * - Distance: from each municipality's centroid, computed once per municipality and kept.
 */
export function createSearchIndex(services: PublishedService[], { needLabels, centroids }: { needLabels: (termId: string) => string[]; centroids: Map<string, { lat: number; lon: number }> }) {
	const n = services.length;
	const position = new Map(services.map((s, i) => [s.id, i]));
	const BIT: Record<BooleanFilter, number> = { evening: 1, weekend: 2, childcare: 4, free: 8, walkIn: 16, noPapers: 32, wheelchair: 64, openNow: 128 };
	const flags = new Uint8Array(n);
	const termMembers = new Map<string, Uint8Array>();
	services.forEach((s, i) => {
		flags[i] =
			(hasEvening(s.hours) ? BIT.evening : 0) |
			(hasWeekend(s.hours) ? BIT.weekend : 0) |
			(s.childcare ? BIT.childcare : 0) |
			(s.free ? BIT.free : 0) |
			(s.accessModes.includes('walk_in') ? BIT.walkIn : 0) |
			(s.audiences.includes('undocumented') ? BIT.noPapers : 0) |
			(s.wheelchair ? BIT.wheelchair : 0);
		for (const term of s.needs) {
			let members = termMembers.get(term);
			if (!members) termMembers.set(term, (members = new Uint8Array(n)));
			members[i] = 1;
		}
	});
	const points = services.map((s) => s.locations.map((l) => (l.lat !== null && l.lon !== null ? { lat: l.lat, lon: l.lon, nis: l.nisCode } : { ...(centroids.get(l.nisCode) ?? { lat: NaN, lon: NaN }), nis: l.nisCode })));

	const distances = new Map<string, Float32Array>();
	/** Kilometres from a place to each service (1 at most when it is in the same municipality; NaN: unknown). */
	function distancesFrom(place: Place): Float32Array {
		let d = distances.get(place.nisCode);
		if (d) return d;
		d = new Float32Array(n);
		for (let i = 0; i < n; i++) {
			let best = NaN;
			for (const p of points[i]!) {
				const km = p.nis === place.nisCode ? Math.min(1, distanceKm(place, p)) : distanceKm(place, p);
				if (!(best <= km)) best = km;
			}
			d[i] = best;
		}
		distances.set(place.nisCode, d);
		return d;
	}

	let openMinute = '';
	const openBits = new Uint8Array(n);
	function openNowBits(now: Date): Uint8Array {
		const here = brusselsNow(now);
		const key = `${here.date} ${here.time}`;
		if (key !== openMinute) {
			const holidays = belgianHolidays(Number(here.date.slice(0, 4)));
			services.forEach((s, i) => (openBits[i] = isOpenAt(s.hours, s.exceptions, s.closedOnPublicHolidays, here, holidays) ? BIT.openNow : 0));
			openMinute = key;
		}
		return openBits;
	}

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
			keywords: s.needs.flatMap((t) => [...needLabels(t), ...Object.values(synonyms[t] ?? {}).flat()]).join(' \n '),
			places: s.locations.map((l) => `${l.municipality} ${l.postalCode}`).join(' ')
		}))
	);

	const textCache = new Map<string, Float32Array>();
	/** Relevance 0–1 of every service for a text (0: no match), the last 500 texts kept. */
	function relevanceOf(q: string): Float32Array {
		const key = fold(q).replace(/\s+/g, ' ');
		const cached = textCache.get(key);
		if (cached) {
			textCache.delete(key);
			textCache.set(key, cached);
			return cached;
		}
		let hits = index.search(q, { combineWith: 'AND' });
		if (hits.length === 0) hits = index.search(q, { combineWith: 'OR' });
		const max = hits[0]?.score ?? 1;
		const rel = new Float32Array(n);
		for (const h of hits) rel[position.get(String(h.id))!] = h.score / max;
		textCache.set(key, rel);
		if (textCache.size > 500) textCache.delete(textCache.keys().next().value!);
		return rel;
	}

	function search(filters: SearchFilters, { now = new Date(), place }: { now?: Date; place?: Place } = {}): SearchResult {
		const perPage = Math.min(Math.max(filters.perPage ?? 20, 1), 100);
		const page = Math.max(filters.page ?? 1, 1);
		const q = filters.q?.trim().slice(0, 200);
		const rel = q ? relevanceOf(q) : null;
		const wanted = filters.need ? expandTerm(filters.need).map((t) => termMembers.get(t)).filter((m): m is Uint8Array => Boolean(m)) : null;
		const dist = place ? distancesFrom(place) : null;
		const radius = filters.distanceKm ?? 10;
		const open = openNowBits(now);
		const active = booleanFilters.reduce((mask, f) => (filters[f] ? mask | BIT[f] : mask), 0);

		const facets = Object.fromEntries(booleanFilters.map((f) => [f, 0])) as Record<BooleanFilter, number>;
		const needs: Record<string, number> = {};
		const kept: number[] = [];
		const score = new Float32Array(n);
		for (let i = 0; i < n; i++) {
			const r = rel ? rel[i]! : 1;
			if (r === 0) continue;
			if (wanted && !wanted.some((m) => m[i] === 1)) continue;
			const s = services[i]!;
			if (filters.lang && !s.languages.includes(filters.lang)) continue;
			let nearness = 0;
			if (dist) {
				if (s.eligibleNis.length && !s.eligibleNis.includes(place!.nisCode)) continue;
				const km = dist[i]!;
				if (!(km <= radius)) continue;
				nearness = 1 / (1 + km / 5);
			}
			// Yes/no filters as bits: counts of what each filter would give, the others unchanged.
			const bits = flags[i]! | open[i]!;
			const failing = active & ~bits;
			if (failing === 0) {
				kept.push(i);
				score[i] = r + 0.5 * nearness;
				for (const t of s.needs) needs[t] = (needs[t] ?? 0) + 1;
			}
			for (const f of booleanFilters) {
				const b = BIT[f];
				if ((failing & ~b) === 0 && bits & b) facets[f]++;
			}
		}
		kept.sort((a, b) => score[b]! - score[a]! || (dist ? dist[a]! - dist[b]! : 0) || a - b);
		const hits = kept.slice((page - 1) * perPage, page * perPage).map((i) => ({
			service: services[i]!,
			score: score[i]!,
			distanceKm: dist && !Number.isNaN(dist[i]) ? Math.round(dist[i]! * 10) / 10 : null
		}));
		return { total: kept.length, hits, facets: { ...facets, needs } };
	}

	return {
		search,
		size: n,
		get: (id: string) => (position.has(id) ? services[position.get(id)!]! : null),
		/** The snapshots in index order (positions match `relevance`), for exports such as HSDS. */
		services: services as readonly PublishedService[],
		/** Relevance 0–1 of every service (by index position) for a text; 0: no match. */
		relevance: (q: string) => relevanceOf(q.trim().slice(0, 200))
	};
}

export type SearchIndex = ReturnType<typeof createSearchIndex>;
