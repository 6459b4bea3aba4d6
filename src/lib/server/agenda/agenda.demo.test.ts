import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { agendaDemoSeeder } from './agenda.demo';
import { createAgendaRepository } from './agenda.repository';
import { addDays, brusselsInstant, brusselsToday } from './brussels-time';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder((p) => hash(p, { memoryCost: 1024, timeCost: 1 })).seed(handle.db);
	await agendaDemoSeeder.seed(handle.db);
});
afterAll(async () => handle?.close());

describe('demo agenda', () => {
	it('fills the coming weeks with a dozen activities across the territory, some recurring, one waiting for review and one public proposal', async () => {
		const repo = createAgendaRepository({ db: handle.db });
		const today = brusselsToday(new Date());
		const events = await repo.eventsBetween(brusselsInstant(today), brusselsInstant(addDays(today, 60)));
		expect(events.length).toBe(12);
		expect(events.filter((e) => e.rrule).length).toBeGreaterThanOrEqual(5);
		expect(new Set(events.map((e) => e.category))).toEqual(new Set(['conversation', 'information', 'visit', 'sport', 'intercultural', 'cultural', 'training']));
		expect(new Set(events.map((e) => e.place?.municipality).filter(Boolean))).toEqual(new Set(['Seraing', 'Herstal', 'Liège', 'Huy', 'Ans']));
		expect(events.some((e) => e.online)).toBe(true);
		expect(events.filter((e) => e.image).length).toBe(2);
		const queue = await repo.queue();
		expect(queue.map((q) => q.origin).sort()).toEqual(['organisation', 'proposal']);
	});
});
