import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClock } from '../agenda/brussels-time';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { coursesDemoSeeder, demoCourse } from './courses.demo';
import { sessionAt } from './courses.sessions';
import { course, courseSession } from './courses.table';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async () => 'not-a-real-hash').seed(handle.db);
	await coursesDemoSeeder.seed(handle.db);
});
afterAll(async () => handle?.close());

describe('demo courses', () => {
	it('offers FLE from Alpha to B1, with evening and Saturday classes, over several organisations', async () => {
		const rows = await handle.db.select().from(course);
		expect(new Set(rows.map((r) => r.organisationId)).size).toBeGreaterThanOrEqual(3);
		expect(new Set(rows.filter((r) => r.axis === 'fle').map((r) => r.level))).toEqual(new Set(['alpha', 'a1', 'b1']));
		expect((await demoCourse(handle.db, 'FLE A1 oral — cours du soir'))!.hasEvening).toBe(true);
		expect((await demoCourse(handle.db, 'FLE B1 — le samedi'))!.hasWeekend).toBe(true);
		expect((await demoCourse(handle.db, 'FLE A1 — Herstal'))!.hasEvening).toBe(false);
	});

	it('plans the evening class at 18:00 Brussels time in summer and in winter', async () => {
		const evening = (await demoCourse(handle.db, 'FLE A1 oral — cours du soir'))!;
		const sessions = await handle.db.select().from(courseSession).where(eq(courseSession.courseId, evening.id));
		expect(sessions.length).toBeGreaterThan(20);
		for (const s of sessions) expect([wallClock(s.startsAt).time, s.minutes, s.evening]).toEqual(['18:00', 150, true]);
		// Across the change of time: the same wall clock, one hour apart in UTC.
		expect(sessionAt('2026-07-07', '18:00', '20:30').startsAt.toISOString()).toBe('2026-07-07T16:00:00.000Z');
		expect(sessionAt('2026-12-08', '18:00', '20:30').startsAt.toISOString()).toBe('2026-12-08T17:00:00.000Z');
		expect(sessionAt('2026-12-12', '09:30', '12:30')).toMatchObject({ evening: false, weekend: true, minutes: 180 });
	});
});
