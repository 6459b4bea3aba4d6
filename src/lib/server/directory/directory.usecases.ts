import type { Database } from '../db/client';
import { searchMiss } from './directory.table';
import { directoryIndex, resolvePlace } from './directory.search';
import type { ParsedSearch } from './directory.schemas';

/**
 * One public search: the place typed loosely, the index, and, when nothing is found, an
 * anonymous unmet-demand record (terms, filters, language, municipality; no IP, no session).
 */
export async function searchDirectory(db: Database, parsed: ParsedSearch, { locale, now = new Date() }: { locale: string; now?: Date }) {
	const placeText = parsed.place ?? parsed.municipality;
	const place = placeText ? await resolvePlace(db, placeText) : null;
	const index = await directoryIndex(db);
	const result = index.search(parsed.filters, { now, place: place ?? undefined });
	const asked = Boolean(parsed.filters.q || parsed.filters.need || placeText);
	if (result.total === 0 && asked && (!placeText || place)) {
		const { page: _p, perPage: _pp, q: _q, ...filters } = parsed.filters;
		await db.insert(searchMiss).values({ day: now.toISOString().slice(0, 10), terms: parsed.filters.q?.slice(0, 200) ?? null, filters, locale, nisCode: place?.nisCode ?? null });
	}
	return { result, place, placeUnknown: Boolean(placeText && !place) };
}
