import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, inject, it } from 'vitest';

const base = inject('baseURL');
const get = async (path: string) => {
	const res = await fetch(`${base}${path}`);
	return { status: res.status, type: res.headers.get('content-type') ?? '', cors: res.headers.get('access-control-allow-origin'), body: await res.json() };
};

/** The API's answers checked against its own OpenAPI document by an independent validator (Ajv). */
async function validator(name: string) {
	const doc = (await get('/api/v1/openapi.json')).body;
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addSchema({ $id: 'openapi', components: doc.components });
	return ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
}

describe('directory API', () => {
	it('publishes an OpenAPI 3.1 document describing its three paths', async () => {
		const { status, body } = await get('/api/v1/openapi.json');
		expect(status).toBe(200);
		expect(body.openapi).toBe('3.1.0');
		expect(Object.keys(body.paths)).toEqual(['/services', '/services/{id}', '/taxonomy']);
	});

	it('searches with the same filters as the page, and the answer matches the schema', async () => {
		const { status, body, cors } = await get('/api/v1/services?q=cours%20de%20fran%C3%A7ais&place=Jemeppe&evening=1&childcare=1&locale=ar');
		expect(status).toBe(200);
		expect(cors).toBe('*');
		const validate = await validator('ServicePage');
		expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
		expect(body.total).toBeGreaterThan(0);
		expect(body.place).toMatchObject({ municipality: '62096', locality: 'Jemeppe-Sur-Meuse' });
		const first = body.items[0];
		expect(first.locations[0].municipality).toBe('62096');
		expect([first.evening, first.childcare]).toEqual([true, true]);
		// Arabic where a translation of the current French exists, else the French, said so: the
		// editing suite renames a demo service, which sets its Arabic name aside until reviewed.
		for (const item of body.items as { name: { language: string; fallback: boolean } }[]) expect(item.name.language === 'ar' || (item.name.language === 'fr' && item.name.fallback)).toBe(true);
		expect(body.items.some((item: { name: { language: string } }) => item.name.language === 'ar')).toBe(true);
		expect(first.opening_hours).toMatch(/^(Mo|Tu|We|Th|Fr|Sa|Su)/);
	});

	it('paginates', async () => {
		const one = (await get('/api/v1/services?need=french&per_page=5&page=1')).body;
		const two = (await get('/api/v1/services?need=french&per_page=5&page=2')).body;
		expect(one.items).toHaveLength(5);
		expect(one.total).toBe(two.total);
		expect(one.items.map((s: { id: string }) => s.id)).not.toContain(two.items[0].id);
	});

	it('gives one service, and 404 as a problem document for an unknown one', async () => {
		const list = (await get('/api/v1/services?need=housing&per_page=1')).body;
		const one = await get(`/api/v1/services/${list.items[0].id}?locale=uk`);
		expect(one.status).toBe(200);
		const validate = await validator('Service');
		expect(validate(one.body), JSON.stringify(validate.errors)).toBe(true);
		const missing = await get('/api/v1/services/00000000-0000-4000-8000-000000000000');
		expect(missing.status).toBe(404);
		expect(missing.type).toContain('application/problem+json');
	});

	it('answers malformed filters and an unknown municipality with a 400 naming them', async () => {
		const bad = await get('/api/v1/services?need=nope&km=7&evening=maybe');
		expect(bad.status).toBe(400);
		expect(bad.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['evening', 'km', 'need']);
		const unknown = await get('/api/v1/services?municipality=99999');
		expect(unknown.status).toBe(400);
	});

	it('lists the taxonomy with a label in every UI language', async () => {
		const { body } = await get('/api/v1/taxonomy');
		const french = body.terms.find((t: { id: string }) => t.id === 'french');
		expect(Object.keys(french.labels)).toHaveLength(12);
		expect(french.labels.ar).toMatch(/[\u0600-\u06FF]/);
		expect(body.terms.filter((t: { parent_id: string | null }) => t.parent_id === 'french').map((t: { id: string }) => t.id)).toEqual(['alpha', 'fle', 'conversation']);
	});
});
