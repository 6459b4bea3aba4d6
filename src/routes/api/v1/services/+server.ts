import { runtime } from '$server/app/runtime';
import { publicOrigin } from '$server/http/security-headers';
import { apiHeaders, problem, responseLocale, serviceResource } from '$server/directory/directory.api';
import { parseSearch } from '$server/directory/directory.schemas';
import { searchDirectory } from '$server/directory/directory.usecases';
import type { RequestHandler } from './$types';

/** GET /api/v1/services: the page's search as JSON, paginated. Malformed parameters: 400 naming them. */
export const GET: RequestHandler = async ({ url }) => {
	const parsed = parseSearch(url.searchParams);
	if (parsed.ignored.length) return problem(400, 'Invalid query parameters', { invalid_params: parsed.ignored.map((name) => ({ name })) });
	const locale = responseLocale(url.searchParams.get('locale'));
	const started = performance.now();
	const { result, place, placeUnknown } = await searchDirectory(runtime().database.db, parsed, { locale });
	const searchMs = performance.now() - started;
	if (placeUnknown) return problem(400, 'Unknown place or municipality', { invalid_params: [{ name: parsed.place ? 'place' : 'municipality' }] });
	const origin = publicOrigin(url);
	const perPage = parsed.filters.perPage ?? 20;
	// The same answer (same cached result) is serialised once per language.
	const headers = { ...apiHeaders, 'Content-Type': 'application/json', 'Server-Timing': `search;dur=${searchMs.toFixed(2)}` };
	let byLocale = bodies.get(result);
	if (!byLocale) bodies.set(result, (byLocale = new Map()));
	const bodyKey = `${locale}|${parsed.place ?? parsed.municipality ?? ''}`;
	const cached = byLocale.get(bodyKey);
	if (cached) return new Response(cached, { headers });
	const body = JSON.stringify(
		{
			page: parsed.filters.page ?? 1,
			per_page: perPage,
			total: result.total,
			total_pages: Math.ceil(result.total / perPage),
			place: place && { municipality: place.nisCode, name: place.name, locality: place.locality },
			facets: result.facets,
			items: result.hits.map((h) => ({ ...serviceResource(h.service, locale, origin), distance_km: h.distanceKm }))
		}
	);
	byLocale.set(bodyKey, body);
	// Server-Timing: the search's own duration, read by the benchmark (npm run bench -- search).
	return new Response(body, { headers });
};

const bodies = new WeakMap<object, Map<string, string>>();
