import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './client';
import { migrateDatabase } from './migrate';
import { freshDatabase } from './testing';

const rows = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows);
const opened: DatabaseHandle[] = [];
afterAll(async () => {
	for (const h of opened.reverse()) await h.close();
});

describe('migrations', () => {
	it('create the search helpers on both engines (unaccent and pg_trgm)', async () => {
		const handle = await freshDatabase();
		opened.push(handle);
		const [row] = rows<{ key: string; sim: number }>(
			await handle.db.execute(sql`select f_search_key('Jemeppe-Sur-Meuse  (Ougrée)') as key, similarity('seraing', 'seraign') as sim`)
		);
		expect(row!.key).toBe('jemeppe sur meuse ougree');
		expect(row!.sim).toBeGreaterThan(0.2);
	});

	it('applied a second time change nothing', async () => {
		const handle = await freshDatabase();
		opened.push(handle);
		await expect(migrateDatabase(handle)).resolves.toBeUndefined();
		const [count] = rows<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
		expect(count!.n).toBeGreaterThanOrEqual(2);
	});

	it.runIf(process.env.DATABASE_URL)('from several app processes at once on PostgreSQL, take turns', async () => {
		const empty = await freshDatabase({ migrate: false });
		opened.push(empty);
		const others = await Promise.all([1, 2, 3].map(() => openDatabase({ engine: 'postgres', url: empty.url!, max: 2 })));
		opened.push(...others);
		await Promise.all(others.map((h) => migrateDatabase(h)));
		const [count] = rows<{ n: number }>(await empty.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
		const [own] = rows<{ n: number }>(await empty.db.execute(sql`select count(*)::int as n from municipality`));
		expect(count!.n).toBeGreaterThanOrEqual(2);
		expect(own!.n).toBe(0);
	});
});
