import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { demoSeeders } from './seeders';

// Every domain's demo data together, as a new demo instance loads it: the parts seeded by different
// domains must still make sense side by side.
let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
	for (const seeder of demoSeeders) await seeder.seed(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

describe('the whole demo', () => {
	it('never seats more people in a course than it has seats, and leaves seats to offer in the Alpha class', async () => {
		const rows = (await handle.db.execute(
			sql`select c.title, c.capacity, count(e.id) filter (where e.status in ('offered', 'enrolled'))::int as taken
				from course c left join enrolment e on e.course_id = c.id group by c.id, c.title, c.capacity`
		)) as unknown as { rows?: { title: string; capacity: number; taken: number }[] } & { title: string; capacity: number; taken: number }[];
		const list = rows.rows ?? rows;
		expect(list.filter((r) => r.taken > r.capacity)).toEqual([]);
		const alpha = list.find((r) => r.title.startsWith('Alpha FLE'))!;
		expect(alpha.capacity - alpha.taken).toBeGreaterThan(0);
	});
});
