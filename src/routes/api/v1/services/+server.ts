import { json } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { apiHeaders, problem, responseLocale, serviceResource } from '$server/directory/directory.api';
import { parseSearch } from '$server/directory/directory.schemas';
import { searchDirectory } from '$server/directory/directory.usecases';
import type { RequestHandler } from './$types';

/** GET /api/v1/services: the page's search as JSON, paginated. Malformed parameters: 400 naming them. */
export const GET: RequestHandler = async ({ url }) => {
	const parsed = parseSearch(url.searchParams);
	if (parsed.ignored.length) return problem(400, 'Invalid query parameters', { invalid_params: parsed.ignored.map((name) => ({ name })) });
	const locale = responseLocale(url.searchParams.get('locale'));
	const { result, place, placeUnknown } = await searchDirectory(runtime().database.db, parsed, { locale });
	if (placeUnknown) return problem(400, 'Unknown place or municipality', { invalid_params: [{ name: parsed.place ? 'place' : 'municipality' }] });
	const origin = runtime().config.origin ?? url.origin;
	const perPage = parsed.filters.perPage ?? 20;
	return json(
		{
			page: parsed.filters.page ?? 1,
			per_page: perPage,
			total: result.total,
			total_pages: Math.ceil(result.total / perPage),
			place: place && { municipality: place.nisCode, name: place.name, locality: place.locality },
			facets: result.facets,
			items: result.hits.map((h) => ({ ...serviceResource(h.service, locale, origin), distance_km: h.distanceKm }))
		},
		{ headers: apiHeaders }
	);
};
