import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { directoryDemoSeeder } from './directory.demo';
import { directoryIndex, resolvePlace } from './directory.search';
import { eq } from 'drizzle-orm';
import { createDirectoryRepository } from './directory.repository';
import { parseSearch } from './directory.schemas';
import { searchMiss, service, serviceHistory, serviceTaxonomy, translation } from './directory.table';
import { searchDirectory } from './directory.usecases';
import type { SearchIndex } from './search-index';
import { topLevelOf } from './taxonomy';

let handle: DatabaseHandle;
let index: SearchIndex;
// A Wednesday evening in Brussels.
const now = new Date('2026-12-02T18:30:00Z');

beforeAll(async () => {
	handle = await freshDatabase();
	await directoryDemoSeeder.seed(handle.db);
	index = await directoryIndex(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

const names = (r: ReturnType<SearchIndex['search']>) => r.hits.map((h) => h.service.name.fr?.text);

describe('directory search', () => {
	it('holds the 200 published demo services of about 60 organisations', async () => {
		expect(index.size).toBe(200);
		expect((await createIdentityRepository({ db: handle.db }).organisations.list()).length).toBeGreaterThanOrEqual(55);
	});

	it('finds evening French classes with childcare in Seraing first', async () => {
		const place = (await resolvePlace(handle.db, 'Seraing'))!;
		const r = index.search({ q: 'cours de français', evening: true, childcare: true }, { place, now });
		expect(r.total).toBeGreaterThan(0);
		const first = r.hits[0]!.service;
		expect(first.needs).toContain('fle');
		expect(first.childcare).toBe(true);
		expect(first.locations[0]!.municipality).toBe('Seraing');
		expect(r.hits.every((h) => h.service.childcare)).toBe(true);
	});

	it('reads a village as its municipality: "Jemeppe" is Seraing', async () => {
		expect(await resolvePlace(handle.db, 'Jemeppe')).toMatchObject({ nisCode: '62096', locality: 'Jemeppe-Sur-Meuse' });
		expect(await resolvePlace(handle.db, 'Ougree')).toMatchObject({ nisCode: '62096' });
	});

	it.each([
		['fracais', 'french'],
		['cours de francais', 'french'],
		['دروس اللغة الفرنسية', 'french'],
		['تعلم الفرنسية', 'french'],
		['french class', 'french'],
		['курси французької', 'french'],
		['logemen', 'housing'],
		['psychologue', 'mental_health'],
		['regroupement familial', 'family_reunification']
	])('"%s" finds %s services first', (q, need) => {
		const r = index.search({ q }, { now });
		expect(r.total, q).toBeGreaterThan(0);
		// The first three results all answer the need (French learning: FLE, literacy or conversation).
		for (const hit of r.hits.slice(0, 3)) expect(hit.service.needs.map(topLevelOf).concat(hit.service.needs), q).toContain(need);
	});

	it('counts what each yes/no filter would give, and the filters narrow results', () => {
		const all = index.search({ need: 'french' }, { now });
		const evening = index.search({ need: 'french', evening: true }, { now });
		expect(evening.total).toBe(all.facets.evening);
		expect(evening.total).toBeLessThan(all.total);
		const both = index.search({ need: 'french', evening: true, childcare: true }, { now });
		expect(both.total).toBe(evening.facets.childcare);
		expect(both.hits.every((h) => h.service.childcare)).toBe(true);
	});

	it('answers nothing, without error, to nonsense and hostile input', () => {
		expect(index.search({ q: 'zzqxw' }, { now }).total).toBe(0);
		expect(index.search({ q: '"; drop table service; --' }, { now }).total).toBeGreaterThanOrEqual(0);
		expect(index.search({ q: 'a'.repeat(5000) }, { now }).total).toBe(0);
	});
});

describe('keeping the index in step with the database', () => {
	it('a publication appears in searches within a second; a draft never does', async () => {
		const db = handle.db;
		const [org] = await createIdentityRepository({ db }).organisations.list();
		const [draft] = await db.insert(service).values({ organisationId: org!.id, status: 'draft' }).returning({ id: service.id });
		await db.insert(translation).values({ entityType: 'service', entityId: draft!.id, field: 'name', locale: 'fr', text: 'Atelier vélo solidaire Zébulon', status: 'source' });
		await db.insert(serviceTaxonomy).values({ serviceId: draft!.id, termId: 'meeting' });
		await new Promise((r) => setTimeout(r, 1100));
		expect((await directoryIndex(db)).search({ q: 'zebulon' }).total).toBe(0);

		await createDirectoryRepository({ db }).publish(draft!.id, null);
		await new Promise((r) => setTimeout(r, 1100));
		const found = (await directoryIndex(db)).search({ q: 'zebulon' });
		expect(found.hits.map((h) => h.service.id)).toEqual([draft!.id]);
		const history = await db.select().from(serviceHistory).where(eq(serviceHistory.serviceId, draft!.id));
		expect(history.map((h) => h.action)).toEqual(['published']);
	});

	it('keeps a search that finds nothing as anonymous unmet demand', async () => {
		const before = (await handle.db.select().from(searchMiss)).length;
		const parsed = parseSearch(new URLSearchParams('q=tricot+amharique&place=Ougree&evening=1'));
		const { result } = await searchDirectory(handle.db, parsed, { locale: 'uk' });
		expect(result.total).toBe(0);
		const rows = await handle.db.select().from(searchMiss);
		expect(rows).toHaveLength(before + 1);
		expect(rows.at(-1)).toMatchObject({ terms: 'tricot amharique', locale: 'uk', nisCode: '62096', filters: { evening: true } });
		expect(Object.keys(rows.at(-1)!)).toEqual(['id', 'day', 'terms', 'filters', 'locale', 'nisCode']);
	});
});
