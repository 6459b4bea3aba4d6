import { z } from 'zod';
import { booleanFilters, type BooleanFilter, type SearchFilters } from './search-index';
import { allTermIds } from './taxonomy';

export const distances = [2, 5, 10, 20, 50] as const;

/** URL names of the yes/no filters (shared by the page and the API): ?evening=1&no_papers=1 */
export const flagParams: Record<BooleanFilter, string> = {
	openNow: 'open_now',
	evening: 'evening',
	weekend: 'weekend',
	childcare: 'childcare',
	free: 'free',
	walkIn: 'walk_in',
	noPapers: 'no_papers',
	wheelchair: 'wheelchair'
};

const params = {
	q: z.string().trim().max(200),
	place: z.string().trim().max(100),
	municipality: z.string().regex(/^\d{5}$/),
	need: z.enum(allTermIds as [string, ...string[]]),
	km: z.coerce.number().refine((v) => (distances as readonly number[]).includes(v)),
	lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
	page: z.coerce.number().int().min(1).max(500),
	per_page: z.coerce.number().int().min(1).max(100)
};
const flag = z.enum(['1', 'true', 'on', '0', 'false', '']);

export type ParsedSearch = { filters: SearchFilters; place: string | null; municipality: string | null; ignored: string[] };

/**
 * Reads a search from a URL leniently: each malformed or unknown value is dropped and named in
 * `ignored`, so the page still answers with the rest (never a 500 for a bad link).
 */
export function parseSearch(search: URLSearchParams): ParsedSearch {
	const ignored: string[] = [];
	const read = <T>(name: keyof typeof params): T | undefined => {
		const raw = search.get(name);
		if (raw === null || raw === '') return undefined;
		const parsed = params[name].safeParse(raw.slice(0, 1000));
		if (!parsed.success) {
			ignored.push(name);
			return undefined;
		}
		return parsed.data as T;
	};
	const filters: SearchFilters = {
		q: read<string>('q') || undefined,
		need: read<string>('need'),
		distanceKm: read<number>('km'),
		lang: read<string>('lang'),
		page: read<number>('page'),
		perPage: read<number>('per_page')
	};
	for (const f of booleanFilters) {
		const raw = search.get(flagParams[f]);
		if (raw === null) continue;
		const parsed = flag.safeParse(raw);
		if (!parsed.success) ignored.push(flagParams[f]);
		else if (['1', 'true', 'on'].includes(parsed.data)) filters[f] = true;
	}
	return { filters, place: read<string>('place') || null, municipality: read<string>('municipality') ?? null, ignored };
}

/** The URL query of a search, for links to other pages of results (same filters). */
export function searchQueryString(filters: SearchFilters, place: string | null, page?: number): string {
	const p = new URLSearchParams();
	if (filters.q) p.set('q', filters.q);
	if (place) p.set('place', place);
	if (filters.need) p.set('need', filters.need);
	if (filters.distanceKm) p.set('km', String(filters.distanceKm));
	if (filters.lang) p.set('lang', filters.lang);
	for (const f of booleanFilters) if (filters[f]) p.set(flagParams[f], '1');
	if (page && page > 1) p.set('page', String(page));
	return p.toString();
}
