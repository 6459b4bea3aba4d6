import { runtime } from '$server/app/runtime';
import { presentCard } from '$server/directory/directory.presenter';
import { distances, flagParams, parseSearch, searchQueryString } from '$server/directory/directory.schemas';
import { searchDirectory } from '$server/directory/directory.usecases';
import { booleanFilters } from '$server/directory/search-index';
import { needs } from '$server/directory/taxonomy';
import { pick } from '$server/directory/directory.types';
import type { PageServerLoad } from './$types';

const spokenLanguages = ['ar', 'en', 'nl', 'de', 'uk', 'ru', 'tr', 'es', 'fa', 'ps', 'ti', 'so', 'ln', 'sgn-BE-fr'];

// Public, no account: one GET request answers with results, counts and the form as typed.
export const load: PageServerLoad = async ({ url, locals }) => {
	const parsed = parseSearch(url.searchParams);
	const searched = [...url.searchParams.keys()].length > 0;
	const now = new Date();
	const { result, place, placeUnknown } = searched ? await searchDirectory(runtime().database.db, parsed, { locale: locals.locale, now }) : { result: null, place: null, placeUnknown: false };
	const perPage = parsed.filters.perPage ?? 20;
	const page = parsed.filters.page ?? 1;
	const tiles = runtime().config.mapTileUrl;
	const map =
		tiles && result
			? {
					tiles,
					attribution: runtime().config.mapAttribution,
					points: result.hits.flatMap((h) =>
						h.service.locations
							.filter((l) => l.lat !== null && l.lon !== null)
							.map((l) => {
								const name = pick(h.service.name, locals.locale);
								return { lat: l.lat!, lon: l.lon!, name: name?.text ?? '', lang: name?.lang ?? 'fr', href: `/${locals.locale}/annuaire/${h.service.id}` };
							})
					)
				}
			: null;
	return {
		map,
		form: { q: parsed.filters.q ?? '', place: parsed.place ?? '', need: parsed.filters.need ?? '', km: parsed.filters.distanceKm ?? 10, lang: parsed.filters.lang ?? '', flags: Object.fromEntries(booleanFilters.map((f) => [f, Boolean(parsed.filters[f])])) },
		ignored: parsed.ignored,
		placeUnknown,
		place: place && { name: place.name, locality: place.locality },
		results: result && {
			total: result.total,
			facets: result.facets,
			cards: result.hits.map((h) => presentCard(h.service, locals.locale, now, place ? h.distanceKm : null)),
			page,
			pages: Math.max(1, Math.ceil(result.total / perPage)),
			previous: page > 1 ? searchQueryString(parsed.filters, parsed.place, page - 1) : null,
			next: page * perPage < result.total ? searchQueryString(parsed.filters, parsed.place, page + 1) : null
		},
		needs: needs.map((n) => ({ id: n.id, children: (n.children ?? []).map((c) => c.id) })),
		distances,
		spokenLanguages,
		flagParams,
		booleanFilters
	};
};
