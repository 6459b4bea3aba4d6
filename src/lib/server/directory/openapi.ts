import { locales } from '$lib/i18n/locales';
import { distances, flagParams } from './directory.schemas';
import { allTermIds } from './taxonomy';

const flagDescriptions: Record<string, string> = {
	open_now: 'Open now (Brussels time, holidays and exceptions included)',
	evening: 'Has weekday hours after 18:00',
	weekend: 'Has Saturday or Sunday hours',
	childcare: 'Childcare during the activity',
	free: 'Free of charge',
	walk_in: 'No appointment needed',
	no_papers: 'Accessible without a residence permit',
	wheelchair: 'Wheelchair accessible'
};

const text = { type: ['object', 'null'], properties: { text: { type: 'string' }, language: { type: 'string' }, status: { enum: ['source', 'machine', 'reviewed'] }, fallback: { type: 'boolean', description: 'true when the requested language is missing and French is given' } } };

/** The OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json). */
export function openApiDocument(serverUrl: string) {
	const flag = (name: string) => ({ name, in: 'query', required: false, description: flagDescriptions[name], schema: { enum: ['1', 'true', '0', 'false'] } });
	return {
		openapi: '3.1.0',
		info: {
			title: 'Passerelle directory API',
			version: '1.0.0',
			description: `Public, read-only directory of services for newcomers in the CRIPEL territory (Liège, Huy, Waremme). Open data; no key needed. The same published services as Open Referral HSDS 3.0: ${serverUrl}/api/hsds/ (described at ${serverUrl}/api/hsds/openapi.json).`,
			license: { name: 'AGPL-3.0-or-later (software)', identifier: 'AGPL-3.0-or-later' }
		},
		servers: [{ url: `${serverUrl}/api/v1` }],
		paths: {
			'/services': {
				get: {
					summary: 'Search published services',
					operationId: 'searchServices',
					parameters: [
						{ name: 'q', in: 'query', description: 'Words, any of the 12 UI languages; accents and small typos tolerated', schema: { type: 'string', maxLength: 200 } },
						{ name: 'need', in: 'query', description: 'A taxonomy term id; a top-level need includes its children', schema: { enum: allTermIds } },
						{ name: 'municipality', in: 'query', description: 'NIS code of a municipality of the territory', schema: { type: 'string', pattern: '^\\d{5}$' } },
						{ name: 'place', in: 'query', description: 'A municipality, village or postal code typed loosely ("Jemeppe", "4100")', schema: { type: 'string', maxLength: 100 } },
						{ name: 'km', in: 'query', description: 'Radius around the place (default 10)', schema: { enum: [...distances] } },
						{ name: 'lang', in: 'query', description: 'A language spoken on site (ISO 639, e.g. ar, uk, sgn-BE-fr)', schema: { type: 'string' } },
						...Object.values(flagParams).map(flag),
						{ name: 'locale', in: 'query', description: 'Language of the texts in the answer (default fr)', schema: { enum: [...locales] } },
						{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 1 } },
						{ name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }
					],
					responses: {
						'200': { description: 'A page of results with per-filter counts', content: { 'application/json': { schema: { $ref: '#/components/schemas/ServicePage' } } } },
						'400': { description: 'A malformed parameter or an unknown place', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
					}
				}
			},
			'/services/{id}': {
				get: {
					summary: 'One published service',
					operationId: 'getService',
					parameters: [
						{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
						{ name: 'locale', in: 'query', schema: { enum: [...locales] } }
					],
					responses: {
						'200': { description: 'The service', content: { 'application/json': { schema: { $ref: '#/components/schemas/Service' } } } },
						'404': { description: 'Unknown or unpublished', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
					}
				}
			},
			'/taxonomy': {
				get: {
					summary: 'The needs, two levels, with labels in the 12 languages',
					operationId: 'getTaxonomy',
					responses: { '200': { description: 'Terms', content: { 'application/json': { schema: { type: 'object', properties: { terms: { type: 'array', items: { $ref: '#/components/schemas/Term' } } } } } } } }
				}
			}
		},
		components: {
			schemas: {
				Problem: { type: 'object', properties: { type: { type: 'string' }, status: { type: 'integer' }, title: { type: 'string' }, invalid_params: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } },
				Term: { type: 'object', properties: { id: { type: 'string' }, parent_id: { type: ['string', 'null'] }, icon: { type: 'string' }, position: { type: 'integer' }, labels: { type: 'object', additionalProperties: { type: 'string' } } } },
				Service: {
					type: 'object',
					required: ['id', 'url', 'organization', 'name', 'needs', 'opening_hours'],
					properties: {
						id: { type: 'string', format: 'uuid' },
						url: { type: 'string', format: 'uri' },
						organization: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
						name: text,
						description: text,
						needs: { type: 'array', items: { type: 'string' } },
						welcome_type: { enum: ['unconditional', 'preferential', 'exclusive'] },
						audiences: { type: 'array', items: { enum: ['asylum_seeker', 'refugee', 'undocumented', 'mena'] } },
						access_modes: { type: 'array', items: { enum: ['walk_in', 'appointment', 'registration', 'referral'] } },
						free: { type: 'boolean' },
						childcare: { type: 'boolean' },
						wheelchair: { type: 'boolean' },
						evening: { type: 'boolean' },
						weekend: { type: 'boolean' },
						capacity: { enum: ['available', 'waiting_list', 'full', null] },
						languages: { type: 'array', items: { type: 'string' } },
						eligible_municipalities: { type: 'array', items: { type: 'string' } },
						locations: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, address: { type: 'string' }, municipality: { type: 'string' }, latitude: { type: ['number', 'null'] }, longitude: { type: ['number', 'null'] } } } },
						schedule: { type: 'array', items: { type: 'object', properties: { weekday: { type: 'integer', minimum: 1, maximum: 7 }, opens_at: { type: 'string' }, closes_at: { type: 'string' } } } },
						opening_hours: { type: 'string', description: 'OSM opening_hours syntax' },
						exceptions: { type: 'array', items: { type: 'object' } },
						phone: { type: ['string', 'null'] },
						email: { type: ['string', 'null'] },
						website: { type: ['string', 'null'] },
						last_verified_at: { type: ['string', 'null'], format: 'date-time' },
						updated_at: { type: 'string', format: 'date-time' },
						distance_km: { type: ['number', 'null'] }
					}
				},
				ServicePage: {
					type: 'object',
					properties: {
						page: { type: 'integer' },
						per_page: { type: 'integer' },
						total: { type: 'integer' },
						total_pages: { type: 'integer' },
						facets: { type: 'object', additionalProperties: true },
						items: { type: 'array', items: { $ref: '#/components/schemas/Service' } }
					}
				}
			}
		}
	};
}
