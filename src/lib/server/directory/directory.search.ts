import { locales } from '$lib/i18n/locales';
import type { Database } from '../db/client';
import { catalogues } from '../i18n/catalogues';
import { createTerritoryRepository } from '../territory/territory.repository';
import { createDirectoryRepository } from './directory.repository';
import { createSearchIndex, type Place, type SearchIndex } from './search-index';

type Cached = { version: number; index: SearchIndex; checkedAt: number; building?: Promise<SearchIndex> };
const cache = new WeakMap<Database, Cached>();

/** The label of a need in every UI language, so a search in any of them finds it. */
export function needLabels(termId: string): string[] {
	return [...new Set(locales.map((l) => catalogues[l][`needs.${termId}`]).filter((x): x is string => Boolean(x)))];
}

async function build(db: Database): Promise<{ index: SearchIndex; version: number }> {
	const repo = createDirectoryRepository({ db });
	const version = await repo.version();
	const [services, municipalities] = await Promise.all([repo.publishedSnapshots(), createTerritoryRepository({ db }).listMunicipalities()]);
	const centroids = new Map(municipalities.map((m) => [m.nisCode, { lat: m.lat, lon: m.lon }]));
	return { index: createSearchIndex(services, { needLabels, centroids }), version };
}

/**
 * This process's search index, rebuilt when a publication bumped the directory's version
 * (checked at most once a second, so several processes converge within a second).
 */
export async function directoryIndex(db: Database): Promise<SearchIndex> {
	const now = Date.now();
	const cached = cache.get(db);
	if (cached && now - cached.checkedAt < 1000) return cached.index;
	const version = await createDirectoryRepository({ db }).version();
	if (cached && cached.version === version) {
		cached.checkedAt = now;
		return cached.index;
	}
	if (cached?.building) return cached.building;
	const building = build(db).then(({ index, version: v }) => {
		cache.set(db, { version: v, index, checkedAt: Date.now() });
		return index;
	});
	if (cached) cached.building = building;
	else cache.set(db, { version: -1, index: createSearchIndex([], { needLabels, centroids: new Map() }), checkedAt: 0, building });
	return building;
}

type ResolvedPlace = Place & { name: string; locality: string | null };
// The territory does not change while the app runs: places typed are resolved once (last 2,000 kept).
const places = new Map<string, ResolvedPlace | null>();

/** The place a person typed ("Jemeppe", "4100", "Ougree"), as a municipality and its centroid. */
export async function resolvePlace(db: Database, typed: string | undefined): Promise<ResolvedPlace | null> {
	if (!typed?.trim()) return null;
	const key = typed.trim().toLowerCase().slice(0, 100);
	if (places.has(key)) return places.get(key)!;
	const [match] = await createTerritoryRepository({ db }).findPlaces(typed, 1);
	const place = match
		? { nisCode: match.municipality.nisCode, lat: match.municipality.lat, lon: match.municipality.lon, name: match.municipality.nameFr, locality: match.locality }
		: null;
	places.set(key, place);
	if (places.size > 2000) places.delete(places.keys().next().value!);
	return place;
}
