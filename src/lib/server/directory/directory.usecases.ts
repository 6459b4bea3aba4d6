import type { Database } from '../db/client';
import { searchMiss } from './directory.table';
import { directoryIndex, resolvePlace } from './directory.search';
import type { ParsedSearch } from './directory.schemas';
import type { Place, SearchIndex, SearchResult } from './search-index';

// Identical searches within the same minute on the same index share one answer ("open now" is
// by the minute; a publication builds a new index, which empties this cache).
const results = new WeakMap<SearchIndex, { minute: number; entries: Map<string, SearchResult> }>();

function cachedSearch(index: SearchIndex, parsed: ParsedSearch, place: Place | null, now: Date): SearchResult {
	const minute = Math.floor(now.getTime() / 60_000);
	let slot = results.get(index);
	if (!slot || slot.minute !== minute) results.set(index, (slot = { minute, entries: new Map() }));
	const key = JSON.stringify([parsed.filters, place?.nisCode ?? null]);
	let result = slot.entries.get(key);
	if (!result) {
		result = index.search(parsed.filters, { now, place: place ?? undefined });
		slot.entries.set(key, result);
		if (slot.entries.size > 1000) slot.entries.delete(slot.entries.keys().next().value!);
	}
	return result;
}

/**
 * One public search: the place typed loosely, the index, and, when nothing is found, an
 * anonymous unmet-demand record (terms, filters, language, municipality; no IP, no session).
 */
export async function searchDirectory(db: Database, parsed: ParsedSearch, { locale, now = new Date() }: { locale: string; now?: Date }) {
	const placeText = parsed.place ?? parsed.municipality;
	const place = placeText ? await resolvePlace(db, placeText) : null;
	const index = await directoryIndex(db);
	const result = cachedSearch(index, parsed, place, now);
	const asked = Boolean(parsed.filters.q || parsed.filters.need || placeText);
	if (result.total === 0 && asked && (!placeText || place)) {
		const { page: _p, perPage: _pp, q: _q, ...filters } = parsed.filters;
		await db.insert(searchMiss).values({ day: now.toISOString().slice(0, 10), terms: parsed.filters.q?.slice(0, 200) ?? null, filters, locale, nisCode: place?.nisCode ?? null });
	}
	return { result, place, placeUnknown: Boolean(placeText && !place) };
}
