import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const base = inject('baseURL');
type Body = Record<string, any>;
const get = async (p: string) => {
	const res = await fetch(`${base}${p}`);
	const type = res.headers.get('content-type') ?? '';
	const text = await res.text();
	return { status: res.status, type, cors: res.headers.get('access-control-allow-origin'), text, body: (type.includes('json') && !type.includes('ndjson') ? JSON.parse(text) : null) as Body };
};

// The official HSDS 3.0 schemas (standards/hsds-3.0, copied unchanged), checked by Ajv: an independent validator.
const standards = path.resolve(import.meta.dirname, '../../standards/hsds-3.0');
const schema = (file: string) => JSON.parse(readFileSync(path.join(standards, file), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
type Validate = ReturnType<typeof ajv.compile>;
const v: Record<string, Validate> = {};

function expectValid(name: string, value: unknown) {
	const validate = v[name]!;
	expect(validate(value), `${name}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`).toBe(true);
}

beforeAll(() => {
	const openapi = schema('openapi.json');
	const page = (items: object) => ({ allOf: [openapi.components.schemas.Page], required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'], properties: { contents: { type: 'array', items } } });
	const service = schema('service.json');
	const term = service.properties.attributes.items.properties.taxonomy_term;
	v.service = ajv.compile(service);
	v.serviceAtLocation = ajv.compile(schema('service_at_location.json'));
	v.organization = ajv.compile(schema('organization.json'));
	v.taxonomyTerm = ajv.compile(term);
	v.taxonomy = ajv.compile(term.properties.taxonomy_detail);
	v.servicePage = ajv.compile(page(schema('service_list.json')));
	v.serviceList = ajv.compile(schema('service_list.json'));
	v.fullServicePage = ajv.compile(page(service));
	v.organizationPage = ajv.compile(page(schema('organization_list.json')));
	v.serviceAtLocationPage = ajv.compile(page(schema('service_at_location_list.json')));
	v.taxonomyPage = ajv.compile(page(term.properties.taxonomy_detail));
	v.termPage = ajv.compile(page(term));
	v.root = ajv.compile(openapi.paths['/'].get.responses['200'].content['application/json'].schema);
}, 120_000);

const ids = (b: Body) => b.contents.map((x: { id: string }) => x.id);

describe('Open Referral HSDS 3.0 API', () => {
	it('says its HSDS version at the root, with or without the final slash, and serves its OpenAPI', async () => {
		for (const p of ['/api/hsds/', '/api/hsds']) {
			const root = await get(p);
			expect(root.status).toBe(200);
			expectValid('root', root.body);
			expect(root.body.version).toBe('3.0');
			expect(root.cors).toBe('*');
		}
		const doc = (await get(new URL((await get('/api/hsds/')).body.openapi_url).pathname)).body;
		expect(doc.openapi).toBe('3.1.0');
		expect(doc.servers[0].url).toBe(`${base}/api/hsds`);
		expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/services', '/services/{id}', '/organizations', '/organizations/{id}', '/service_at_locations', '/service_at_locations/{id}', '/taxonomies', '/taxonomy_terms']));
		expect(doc.paths['/services'].get.parameters).toContainEqual({ $ref: '#/components/parameters/locale' });
		expect((await get('/api/v1/openapi.json')).body.info.description).toContain('/api/hsds');
	});

	it('pages services with the specification’s fields and totals, and caps per_page', async () => {
		const first = await get('/api/hsds/services?per_page=50');
		expect(first.status).toBe(200);
		expectValid('servicePage', first.body);
		expect(first.body).toMatchObject({ total_items: 200, total_pages: 4, page_number: 1, size: 50, first_page: true, last_page: false, empty: false });
		const last = (await get('/api/hsds/services?per_page=50&page=4')).body;
		expect(last).toMatchObject({ page_number: 4, size: 50, first_page: false, last_page: true });
		expect(ids(last)).not.toContain(ids(first.body)[0]);
		const all = new Set([...ids(first.body), ...ids((await get('/api/hsds/services?per_page=50&page=2')).body), ...ids((await get('/api/hsds/services?per_page=50&page=3')).body), ...ids(last)]);
		expect(all.size).toBe(200);
		expect((await get('/api/hsds/services?per_page=50&page=5')).body).toMatchObject({ size: 0, empty: true, contents: [] });
		expect((await get('/api/hsds/services?per_page=1000')).body).toMatchObject({ size: 100, total_pages: 2 });
		expect((await get('/api/hsds/services')).body.size).toBe(20);
	});

	it('gives a full service with schedules, languages and locations that validates, in the language asked', async () => {
		const full = (await get('/api/hsds/services?full=true&per_page=100')).body;
		expectValid('fullServicePage', full);
		const rich = full.contents.find((s: Body) => s.schedules.length >= 2 && s.languages.length >= 2 && s.service_at_locations.length >= 1);
		expect(rich, 'a demo service with schedules and several languages').toBeTruthy();
		const fr = await get(`/api/hsds/services/${rich.id}`);
		expect(fr.status).toBe(200);
		expectValid('service', fr.body);
		expect(fr.body.schedules[0]).toMatchObject({ freq: 'WEEKLY' });
		expect(fr.body.schedules[0].byday).toMatch(/^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$/);
		expect(fr.body.schedules[0].opens_at).toMatch(/^\d\d:\d\d$/);
		expect(fr.body.service_at_locations[0].location.addresses[0]).toMatchObject({ country: 'BE', state_province: 'Liège' });
		const ar = await get(`/api/hsds/services/${rich.id}?locale=ar`);
		expectValid('service', ar.body);
		expect(ar.body.x_passerelle.texts.name.language).toMatch(/^(ar|fr)$/);
		expect(ar.body.application_process).toMatch(/[\u0600-\u06FF]/);
		expect((await get(`/api/hsds/services/${rich.id}?lang=uk`)).body.languages[0].name).toMatch(/[\u0400-\u04FF]/);
		const missing = await get('/api/hsds/services/00000000-0000-4000-8000-000000000000');
		expect(missing.status).toBe(404);
		expect(missing.type).toContain('application/problem+json');
	});

	it('streams every result as NDJSON, one object per line, without pagination', async () => {
		const res = await get('/api/hsds/services?format=ndjson&per_page=5');
		expect(res.status).toBe(200);
		expect(res.type).toContain('application/x-ndjson');
		const lines = res.text.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines).toHaveLength(200);
		for (const line of lines.slice(0, 20)) expectValid('serviceList', JSON.parse(line));
		const fle = (await get('/api/hsds/services?taxonomy_term_id=fle')).body.total_items;
		expect((await get('/api/hsds/services?taxonomy_term_id=fle&format=ndjson')).text.trim().split('\n')).toHaveLength(fle);
		const sal = (await get('/api/hsds/service_at_locations?format=ndjson')).text.trim().split('\n').map((l) => JSON.parse(l));
		expect(sal.length).toBe((await get('/api/hsds/service_at_locations')).body.total_items);
	});

	it('filters by taxonomy term (UUID or code), taxonomy, organisation, text and modification date', async () => {
		const terms = (await get('/api/hsds/taxonomy_terms?per_page=100')).body;
		const fle = terms.contents.find((t: Body) => t.code === 'fle');
		const byUuid = (await get(`/api/hsds/services?taxonomy_term_id=${fle.id}&per_page=100`)).body;
		const byCode = (await get('/api/hsds/services?taxonomy_term_id=fle&per_page=100')).body;
		expect(byUuid.total_items).toBeGreaterThan(0);
		expect(byUuid.total_items).toBeLessThan(200);
		expect(ids(byUuid)).toEqual(ids(byCode));
		const one = (await get(`/api/hsds/services/${ids(byUuid)[0]}`)).body;
		expect(one.attributes.map((a: Body) => a.taxonomy_term_id)).toContain(fle.id);
		expect((await get(`/api/hsds/services?taxonomy_id=${fle.taxonomy_id}`)).body.total_items).toBe(200);
		expect((await get('/api/hsds/services?taxonomy_id=00000000-0000-4000-8000-000000000000')).body).toMatchObject({ total_items: 0, empty: true });
		const orgs = (await get('/api/hsds/organizations?per_page=100')).body;
		const org = orgs.contents[0];
		const ofOrg = (await get(`/api/hsds/services?organization_id=${org.id}&per_page=100`)).body;
		expect(ofOrg.total_items).toBeGreaterThan(0);
		expect(ofOrg.contents.every((s: Body) => s.organization_id === org.id)).toBe(true);
		const text = (await get('/api/hsds/services?search=logement')).body;
		expect(text.total_items).toBeGreaterThan(0);
		expect(text.total_items).toBeLessThan(200);
		expect((await get('/api/hsds/services?modified_after=2999-01-01')).body).toMatchObject({ total_items: 0, empty: true });
		expect((await get('/api/hsds/services?modified_after=2000-01-01T00:00:00Z')).body.total_items).toBe(200);
		const newest = (await get('/api/hsds/services?per_page=100&full=false')).body.contents.map((s: Body) => s.last_modified).sort().pop();
		expect((await get(`/api/hsds/services?modified_after=${encodeURIComponent(newest)}`)).body.total_items).toBeGreaterThanOrEqual(1);
	});

	it('answers malformed parameters with a 400 problem naming each of them', async () => {
		const bad = await get('/api/hsds/services?page=0&per_page=abc&modified_after=yesterday&taxonomy_term_id=nope&organization_id=123&format=xml&locale=xx&full=maybe');
		expect(bad.status).toBe(400);
		expect(bad.type).toContain('application/problem+json');
		expect(bad.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'full', 'locale', 'modified_after', 'organization_id', 'page', 'per_page', 'taxonomy_term_id']);
		expect((await get('/api/hsds/organizations?full_service=perhaps')).status).toBe(400);
		expect((await get('/api/hsds/taxonomy_terms?parent_id=zzz')).status).toBe(400);
		expect((await get('/api/hsds/services?unknown_param=1')).status).toBe(200);
	});

	it('lists organisations with published services, fully nested on demand, with no private field', async () => {
		const list = await get('/api/hsds/organizations?per_page=100');
		expectValid('organizationPage', list.body);
		expect(list.body.total_items).toBeGreaterThan(10);
		const id = list.body.contents[0].id;
		const one = (await get(`/api/hsds/organizations/${id}?full_service=true`)).body;
		expectValid('organization', one);
		expect(one.services.length).toBeGreaterThan(0);
		expectValid('service', one.services[0]);
		const brief = (await get(`/api/hsds/organizations/${id}`)).body;
		expectValid('organization', brief);
		expect(brief.services[0].schedules).toBeUndefined();
		expect(JSON.stringify(list.body)).not.toMatch(/@demo\.passerelle\.be|members|password/);
		expect((await get('/api/hsds/organizations?full=true&per_page=3')).body.contents[0].locations.length).toBeGreaterThan(0);
		expect((await get(`/api/hsds/organizations?search=${encodeURIComponent(list.body.contents[0].name.slice(0, 6))}`)).body.total_items).toBeGreaterThanOrEqual(1);
		expect((await get('/api/hsds/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
	});

	it('lists each service at each location and gives one fully nested', async () => {
		const list = await get('/api/hsds/service_at_locations?per_page=50');
		expectValid('serviceAtLocationPage', list.body);
		expect(list.body.total_items).toBeGreaterThanOrEqual(200);
		const first = list.body.contents[0];
		const one = await get(`/api/hsds/service_at_locations/${first.id}?locale=tr`);
		expect(one.status).toBe(200);
		expectValid('serviceAtLocation', one.body);
		expect(one.body).toMatchObject({ service_id: first.service_id, location_id: first.location_id });
		expect(one.body.service.schedules.length).toBeGreaterThan(0);
		expect((await get('/api/hsds/service_at_locations?full=true&per_page=5')).body.contents.every((x: unknown) => v.serviceAtLocation!(x))).toBe(true);
		expect((await get('/api/hsds/service_at_locations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
	});

	it('publishes the taxonomy of needs with UUID terms and names in the language asked', async () => {
		const tax = (await get('/api/hsds/taxonomies')).body;
		expectValid('taxonomyPage', tax);
		expect(tax.total_items).toBe(1);
		expectValid('taxonomy', (await get(`/api/hsds/taxonomies/${tax.contents[0].id}`)).body);
		const terms = (await get('/api/hsds/taxonomy_terms?per_page=100&locale=ti')).body;
		expectValid('termPage', terms);
		const french = terms.contents.find((t: Body) => t.code === 'french');
		expect(french.name).toMatch(/[\u1200-\u137F]/);
		const children = (await get(`/api/hsds/taxonomy_terms?parent_id=${french.id}`)).body.contents.map((t: Body) => t.code);
		expect(children).toEqual(['alpha', 'fle', 'conversation']);
		const leaves = (await get('/api/hsds/taxonomy_terms?top_only=true&per_page=100')).body.contents.map((t: Body) => t.code);
		expect(leaves).toContain('fle');
		expect(leaves).not.toContain('french');
		expect((await get('/api/hsds/taxonomy_terms?search=logement')).body.contents.map((t: Body) => t.code)).toEqual(['housing']);
		const one = await get(`/api/hsds/taxonomy_terms/${french.id}`);
		expectValid('taxonomyTerm', one.body);
		expect((await get('/api/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
	});
});
