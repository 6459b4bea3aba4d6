import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesDemoSeeder } from '../cases/cases.demo';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { coursesDemandDemoSeeder } from './courses.demand.demo';
import { coursesDemoSeeder, demoCourse } from './courses.demo';
import { equivalentCourses, freeSeats, listCourseEnrolments } from './courses.demand.repository';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async () => 'not-a-real-hash').seed(handle.db);
	await casesDemoSeeder.seed(handle.db);
	await coursesDemoSeeder.seed(handle.db);
	await coursesDemandDemoSeeder.seed(handle.db);
});
afterAll(async () => handle?.close());

describe('demo demand', () => {
	it('fills Seraing’s evening A1 class, with a waiting list that has childcare and interpreter needs and one person who agreed to a seat elsewhere', async () => {
		const evening = (await demoCourse(handle.db, 'FLE A1 oral — cours du soir'))!;
		expect(await freeSeats(handle.db, evening)).toBe(0);
		const list = await listCourseEnrolments(handle.db, evening.id);
		const waiting = list.filter((e) => e.status === 'waiting');
		expect(waiting.length).toBeGreaterThanOrEqual(6);
		expect(waiting.map((e) => e.position)).toEqual(waiting.map((_, i) => i + 1));
		expect(waiting.some((e) => e.needsChildcare) && waiting.some((e) => e.interpreterLanguage)).toBe(true);
		expect(waiting.filter((e) => e.elsewhereConsentAt).map((e) => e.displayFirstName)).toEqual(['Natalia']);
		// A demo case file waits too, shown by the file's own first name.
		expect(waiting.some((e) => e.caseFileId && e.displayFirstName === 'Amal')).toBe(true);
		// Herstal's A1 has seats for her.
		expect((await equivalentCourses(handle.db, evening, new Date().toISOString().slice(0, 10))).map((c) => c.title)).toEqual(['FLE A1 — Herstal']);
	});
});
