/**
 * The HTTP side of the Open Referral HSDS 3.0 API under /api/hsds: query parameters, pages
 * (total_items, total_pages, page_number, size, first_page, last_page, empty, contents),
 * format=ndjson (every result, one JSON object per line, no pagination), problems for bad
 * parameters (RFC 9457, 400 naming them; never a 500).
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isLocale, locales, type Locale } from '$lib/i18n/locales';
import { runtime } from '../app/runtime';
import { publicOrigin } from '../http/security-headers';
import { apiHeaders, problem } from './directory.api';
import {
	filterServices,
	foldText,
	HSDS_VERSION,
	hsdsCatalogue,
	hsdsContext,
	hsdsOrganizationBrief,
	hsdsOrganizationFull,
	hsdsServiceAtLocationBrief,
	hsdsServiceAtLocationFull,
	hsdsServiceBrief,
	hsdsServiceFull,
	hsdsTaxonomy,
	hsdsTaxonomyTerm,
	TAXONOMY_ID,
	termCode,
	termOrder,
	termUuid,
	parentCode,
	type Catalogue,
	type HsdsContext
} from './hsds';
import { catalogues } from '../i18n/catalogues';
import hsdsOpenApiSource from '../../../../standards/hsds-3.0/openapi.json';

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const uuid = z.uuid();
const term = z.string().max(100).refine((v) => termCode(v) !== null).transform((v) => termCode(v)!);
const params = {
	page: z.coerce.number().int().min(1).max(1_000_000),
	// Above the cap is not an error: the page is cut to MAX_PER_PAGE and `size` says so.
	per_page: z.coerce.number().int().min(1).transform((v) => Math.min(v, MAX_PER_PAGE)),
	search: z.string().trim().max(200),
	taxonomy_term_id: term,
	taxonomy_id: uuid,
	organization_id: uuid,
	parent_id: term,
	// An ISO 8601 date or date-time ("2026-01-31", "2026-01-31T10:00:00Z").
	modified_after: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/)
		.transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v.replace(' ', 'T')))
		.refine((d) => !Number.isNaN(d.getTime())),
	full: bool,
	full_service: bool,
	top_only: bool,
	format: z.enum(['json', 'ndjson']),
	locale: z.enum(locales),
	lang: z.enum(locales)
};
type Params = { [K in keyof typeof params]?: z.output<(typeof params)[K]> };

/** Reads the query strictly: every malformed known parameter is named; unknown ones are ignored. */
export function parseHsdsQuery(search: URLSearchParams): { query: Params; invalid: string[] } {
	const query: Record<string, unknown> = {};
	const invalid: string[] = [];
	for (const name of Object.keys(params) as (keyof typeof params)[]) {
		const raw = search.get(name);
		if (raw === null || (raw === '' && name !== 'search')) continue;
		const parsed = params[name].safeParse(raw.slice(0, 1000));
		if (parsed.success) query[name] = parsed.data;
		else invalid.push(name);
	}
	return { query: query as Params, invalid };
}

const invalidParams = (names: string[]) => problem(400, 'Invalid query parameters', { invalid_params: names.map((name) => ({ name })) });
const notFound = (what: string) => problem(404, `No such ${what}`);

// Pages already written, per catalogue (a publication builds a new one): the same query on the
// same day gets the same bytes, as identical searches share an answer in /api/v1.
const pages = new WeakMap<Catalogue, Map<string, string>>();

type Prepared = { query: Params; cat: Catalogue; c: HsdsContext; started: number; key: string };

/**
 * Parses the query and loads the catalogue; a Response when the query is bad, or, for a list
 * (`list`), when the same page was already written for this catalogue today.
 */
async function prepare(url: URL, { list = false } = {}): Promise<Prepared | Response> {
	const started = performance.now();
	const { query, invalid } = parseHsdsQuery(url.searchParams);
	if (invalid.length) return invalidParams(invalid);
	const locale: Locale = query.locale ?? query.lang ?? 'fr';
	const cat = await hsdsCatalogue(runtime().database.db);
	const c = hsdsContext(locale, publicOrigin(url), cat);
	const prepared = { query, cat, c, started, key: `${url.pathname}|${JSON.stringify(query)}|${c.locale}|${c.origin}|${c.today}` };
	const cached = list && query.format !== 'ndjson' ? pages.get(cat)?.get(prepared.key) : undefined;
	if (cached !== undefined) return new Response(cached, { headers: { ...apiHeaders, 'Content-Type': 'application/json', 'Server-Timing': timing(prepared) } });
	return prepared;
}

const timing = (p: Prepared) => `hsds;dur=${(performance.now() - p.started).toFixed(2)}`;


/** A page of results, or with format=ndjson every result, one JSON object per line. */
function listResponse<T>(p: Prepared, items: readonly T[], map: (item: T) => unknown): Response {
	if (p.query.format === 'ndjson') return ndjson(items, map);
	let cache = pages.get(p.cat);
	if (!cache) pages.set(p.cat, (cache = new Map()));
	const perPage = p.query.per_page ?? DEFAULT_PER_PAGE;
	const page = p.query.page ?? 1;
	const contents = items.slice((page - 1) * perPage, page * perPage).map(map);
	const totalPages = Math.ceil(items.length / perPage);
	const body = {
		total_items: items.length,
		total_pages: totalPages,
		page_number: page,
		size: contents.length,
		first_page: page === 1,
		last_page: page >= totalPages,
		empty: contents.length === 0,
		contents
	};
	const text = JSON.stringify(body);
	cache.set(p.key, text);
	if (cache.size > 1000) cache.delete(cache.keys().next().value!);
	return new Response(text, { headers: { ...apiHeaders, 'Content-Type': 'application/json', 'Server-Timing': timing(p) } });
}

/** Streams every item as one line of JSON (application/x-ndjson), 200 lines per chunk. */
function ndjson<T>(items: readonly T[], map: (item: T) => unknown): Response {
	const encoder = new TextEncoder();
	let i = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (i >= items.length) return controller.close();
			let chunk = '';
			for (const end = Math.min(i + 200, items.length); i < end; i++) chunk += JSON.stringify(map(items[i]!)) + '\n';
			controller.enqueue(encoder.encode(chunk));
		}
	});
	return new Response(stream, { headers: { ...apiHeaders, 'Content-Type': 'application/x-ndjson; charset=utf-8' } });
}

const one = (p: Prepared, body: unknown) => json(body, { headers: { ...apiHeaders, 'Server-Timing': timing(p) } });

// ---------------------------------------------------------------------------------------------
// Endpoints

/** GET /api/hsds/: the HSDS version and where the API is described. */
export function hsdsRoot(url: URL): Response {
	const origin = publicOrigin(url);
	return json(
		{
			version: HSDS_VERSION,
			profile: 'https://docs.openreferral.org/en/latest/hsds/',
			openapi_url: `${origin}/api/hsds/openapi.json`,
			x_passerelle: {
				description: 'Published services of the Passerelle directory as Open Referral HSDS 3.0 (no profile). Texts in one language per answer: locale (or lang) = ' + locales.join(', ') + ' (default fr).',
				licence: 'Open data',
				own_api: `${origin}/api/v1/openapi.json`
			}
		},
		{ headers: apiHeaders }
	);
}

export async function hsdsServices(url: URL): Promise<Response> {
	const p = await prepare(url, { list: true });
	if (p instanceof Response) return p;
	const { query, cat, c } = p;
	const positions = filterServices(cat, { search: query.search, term: query.taxonomy_term_id, taxonomyId: query.taxonomy_id, organizationId: query.organization_id, modifiedAfter: query.modified_after });
	const services = cat.index.services;
	return listResponse(p, positions, (i) => (query.full ? hsdsServiceFull(services[i]!, c) : hsdsServiceBrief(services[i]!, c)));
}

export async function hsdsService(id: string, url: URL): Promise<Response> {
	if (!z.uuid().safeParse(id).success) return notFound('service');
	const p = await prepare(url);
	if (p instanceof Response) return p;
	const s = p.cat.index.get(id);
	return s ? one(p, hsdsServiceFull(s, p.c)) : notFound('service');
}

export async function hsdsServiceAtLocations(url: URL): Promise<Response> {
	const p = await prepare(url, { list: true });
	if (p instanceof Response) return p;
	const { query, cat, c } = p;
	const positions = filterServices(cat, { search: query.search, term: query.taxonomy_term_id, taxonomyId: query.taxonomy_id, organizationId: query.organization_id, modifiedAfter: query.modified_after });
	// Keep the services' order (relevance or name), each service's locations in their order.
	const rank = new Map(positions.map((pos, r) => [pos, r]));
	const sals = cat.serviceAtLocations.filter((x) => rank.has(x.position));
	if (query.search) sals.sort((a, b) => rank.get(a.position)! - rank.get(b.position)!);
	return listResponse(p, sals, (x) => (query.full ? hsdsServiceAtLocationFull(x, c) : hsdsServiceAtLocationBrief(x, c)));
}

export async function hsdsServiceAtLocation(id: string, url: URL): Promise<Response> {
	if (!z.uuid().safeParse(id).success) return notFound('service_at_location');
	const p = await prepare(url);
	if (p instanceof Response) return p;
	const sal = p.cat.serviceAtLocationById.get(id);
	return sal ? one(p, hsdsServiceAtLocationFull(sal, p.c)) : notFound('service_at_location');
}

export async function hsdsOrganizations(url: URL): Promise<Response> {
	const p = await prepare(url, { list: true });
	if (p instanceof Response) return p;
	const { query, cat, c } = p;
	const words = query.search ? foldText(query.search).split(/\s+/).filter(Boolean) : [];
	const list = words.length ? cat.organisationList.filter((o) => words.every((w) => foldText(o.organisation.name).includes(w))) : cat.organisationList;
	return listResponse(p, list, (o) => (query.full || query.full_service ? hsdsOrganizationFull(o.organisation, o.services, c, query.full_service ?? false) : hsdsOrganizationBrief(o.organisation, c)));
}

export async function hsdsOrganization(id: string, url: URL): Promise<Response> {
	if (!z.uuid().safeParse(id).success) return notFound('organization');
	const p = await prepare(url);
	if (p instanceof Response) return p;
	// Only organisations with at least one published service are public.
	const o = p.cat.organisationList.find((x) => x.organisation.id === id);
	return o ? one(p, hsdsOrganizationFull(o.organisation, o.services, p.c, p.query.full_service ?? false)) : notFound('organization');
}

export async function hsdsTaxonomies(url: URL): Promise<Response> {
	const p = await prepare(url, { list: true });
	if (p instanceof Response) return p;
	const words = p.query.search ? foldText(p.query.search).split(/\s+/).filter(Boolean) : [];
	const taxonomy = hsdsTaxonomy(p.c);
	const list = words.every((w) => foldText(`${taxonomy.name} ${taxonomy.description}`).includes(w)) ? [taxonomy] : [];
	return listResponse(p, list, (x) => x);
}

export async function hsdsTaxonomyById(id: string, url: URL): Promise<Response> {
	const p = await prepare(url);
	if (p instanceof Response) return p;
	return id === TAXONOMY_ID ? one(p, hsdsTaxonomy(p.c)) : notFound('taxonomy');
}

export async function hsdsTaxonomyTerms(url: URL): Promise<Response> {
	const p = await prepare(url, { list: true });
	if (p instanceof Response) return p;
	const { query, c } = p;
	const words = query.search ? foldText(query.search).split(/\s+/).filter(Boolean) : [];
	const parents = new Set(termOrder.filter((code) => termOrder.some((other) => parentCode(other) === code)));
	const list = termOrder.filter((code) => {
		if (query.taxonomy_id && query.taxonomy_id !== TAXONOMY_ID) return false;
		if (query.parent_id && parentCode(code) !== query.parent_id) return false;
		// top_only: "terms that have no child terms", as the HSDS OpenAPI describes it.
		if (query.top_only && parents.has(code)) return false;
		if (words.length) {
			// A term is found by its label in any of the 12 languages, or by its code.
			const labels = foldText([code, ...locales.map((l) => catalogues[l][`needs.${code}`] ?? '')].join(' '));
			if (!words.every((w) => labels.includes(w))) return false;
		}
		return true;
	});
	return listResponse(p, list, (code) => hsdsTaxonomyTerm(code, c));
}

export async function hsdsTaxonomyTermById(id: string, url: URL): Promise<Response> {
	const p = await prepare(url);
	if (p instanceof Response) return p;
	const code = termCode(id);
	return code ? one(p, hsdsTaxonomyTerm(code, p.c)) : notFound('taxonomy_term');
}

/**
 * GET /api/hsds/openapi.json: the specification's own OpenAPI file, with our title, licence and
 * server filled in, the language parameter added to every operation, and the cap of per_page.
 */
export function hsdsOpenApi(url: URL) {
	const origin = publicOrigin(url);
	const doc = structuredClone(hsdsOpenApiSource) as Record<string, any>;
	doc.info = {
		title: 'Passerelle directory: Open Referral HSDS 3.0 API',
		version: '1.0.0',
		summary: 'Published services of the integration sector of Liège, Huy and Waremme (CRIPEL territory), as HSDS 3.0.',
		description:
			'Read-only open data, no key needed. Texts are in one language per answer, chosen with `locale` (or `lang`): ' +
			locales.join(', ') +
			'; default fr. HSDS has no multilingual model: `x_passerelle.texts` says, for each text, its real language, whether the French source is given instead (fallback) and how it was made (source, machine, reviewed). `taxonomy_term_id` takes a term UUID or its code (e.g. fle); a top-level need includes its children. `per_page` is capped at ' +
			MAX_PER_PAGE +
			' (default ' +
			DEFAULT_PER_PAGE +
			'). `format=ndjson` streams every result, one JSON object per line, without pagination. Malformed parameters answer 400 (RFC 9457) naming them. Also: our own API at ' +
			`${origin}/api/v1/openapi.json.`,
		license: { name: 'Software AGPL-3.0-or-later; HSDS specification CC BY-SA 4.0 (Open Referral)', identifier: 'AGPL-3.0-or-later' }
	};
	delete doc.info.contact;
	doc.servers = [{ url: `${origin}/api/hsds` }];
	doc.components.parameters.locale = { name: 'locale', in: 'query', required: false, description: 'Language of the texts (default fr); `lang` is accepted too.', schema: { enum: [...locales] } };
	doc.components.parameters.per_page.schema = { type: 'integer', minimum: 1, default: DEFAULT_PER_PAGE, description: `Values above ${MAX_PER_PAGE} are cut to ${MAX_PER_PAGE}.` };
	for (const path of Object.values(doc.paths) as Record<string, any>[]) {
		if (path.get) path.get.parameters = [...(path.get.parameters ?? []), { $ref: '#/components/parameters/locale' }];
	}
	return doc;
}
