import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { serverTranslator } from '../i18n/server-translator';
import { brusselsInstant } from './brussels-time';
import { atomFeed, BRUSSELS_VTIMEZONE, calendarIcs, jsonFeed, rssFeed } from './agenda.feeds';
import { createAgendaRepository } from './agenda.repository';
import { readEventForm } from './agenda.schemas';
import { createAgenda } from './agenda.usecases';

let handle: DatabaseHandle;
const origin = 'https://agenda.example.be';
const window = [new Date('2026-10-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')] as const;

function formData(values: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
	return data;
}
const base = { description: 'Ouvert à tous.', startTime: '18:00', endTime: '20:00', mode: 'place', street: 'Rue de la Démo 7', postalCode: '4102', nisCode: '62096', free: 'on', registration: 'none', audience: 'all', languages: ['fr'] };

beforeAll(async () => {
	handle = await freshDatabase();
	const identity = createIdentityRepository({ db: handle.db });
	const org = await identity.organisations.create({ name: 'Espace Rencontres (test)', kind: 'ili', nisCode: '62096' });
	const user = await identity.users.create({ email: 'f@agenda.test', name: 'Fatou', locale: 'fr' });
	const agenda = createAgenda({ db: handle.db });
	const ctx = { actorUserId: user.id, ipHash: 'h' };
	const add = async (values: Record<string, string | string[]>) => {
		const read = readEventForm(formData({ ...base, ...values }));
		if (!read.data) throw new Error(JSON.stringify(read.errors));
		const id = await agenda.create(org.id, read.data, ctx);
		await agenda.publish(id, ctx, null);
		return id;
	};
	// Tuesdays at 18:00 around the end of summer time (Sunday 25 October 2026), without 3 November.
	await add({ title: 'Table de conversation & <café>', category: 'conversation', startDate: '2026-10-13', repeat: 'weekly', until: '2026-11-17', exdates: '2026-11-03' });
	await add({ title: 'Visite du musée de la Boverie', category: 'visit', startDate: '2026-10-24', startTime: '14:00', endTime: '16:00', nisCode: '62063', postalCode: '4020', free: '', price: '5 €' });
	const cancelled = await add({ title: 'Tournoi de mini-foot', category: 'sport', startDate: '2026-11-07', startTime: '', endTime: '' });
	await agenda.cancel(cancelled, ctx, null);
});
afterAll(async () => handle?.close());

const context = (locale = 'fr') => ({ origin, locale, t: serverTranslator(locale), title: 'Agenda', selfUrl: `${origin}/agenda.ics`, pageUrl: `${origin}/${locale}/agenda` });

describe('the iCalendar feed, read by an independent parser (ical.js)', () => {
	it('keeps a weekly 18:00 activity at 18:00 in Brussels across the change to winter time, without its exception', async () => {
		const events = await createAgendaRepository({ db: handle.db }).eventsBetween(...window);
		const text = calendarIcs(events, context());
		const calendar = new ICAL.Component(ICAL.parse(text));
		ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
		const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		const weekly = vevents.find((e) => e.summary.startsWith('Table de conversation'))!;
		expect(weekly.summary).toBe('Table de conversation & <café>');
		expect(weekly.startDate.zone.tzid).toBe('Europe/Brussels');
		const starts: string[] = [];
		const iterator = weekly.iterator();
		for (let next = iterator.next(); next; next = iterator.next()) starts.push(next.toJSDate().toISOString());
		expect(starts).toEqual([
			'2026-10-13T16:00:00.000Z',
			'2026-10-20T16:00:00.000Z',
			// Winter time from 25 October: still 18:00 in Brussels, now 17:00 UTC.
			'2026-10-27T17:00:00.000Z',
			'2026-11-10T17:00:00.000Z',
			'2026-11-17T17:00:00.000Z'
		]);
		expect(weekly.endDate.toJSDate().toISOString()).toBe('2026-10-13T18:00:00.000Z');
		expect(weekly.component.getFirstPropertyValue('status')).toBe('CONFIRMED');

		const cancelled = vevents.find((e) => e.summary === 'Tournoi de mini-foot')!;
		expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(cancelled.startDate.isDate).toBe(true);
		expect(cancelled.startDate.toString()).toBe('2026-11-07');
		const visit = vevents.find((e) => e.summary.startsWith('Visite'))!;
		expect(visit.location).toContain('4020 Liège');
		expect(visit.startDate.toJSDate().toISOString()).toBe('2026-10-24T12:00:00.000Z');
	});

	it('defines Europe/Brussels as the time-zone database does: every day of two years, before, across and after each change', () => {
		const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${BRUSSELS_VTIMEZONE}\r\nEND:VCALENDAR`)).getFirstSubcomponent('vtimezone')!);
		// Local times that exist once on every day (the changes happen between 02:00 and 03:00).
		for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2028, 0, 1); day += 86_400_000) {
			const date = new Date(day).toISOString().slice(0, 10);
			for (const time of ['01:30', '03:30', '12:00', '18:00']) {
				const local = ICAL.Time.fromDateTimeString(`${date}T${time}:00`);
				local.zone = zone;
				expect(local.toJSDate().toISOString(), `${date} ${time}`).toBe(brusselsInstant(date, time).toISOString());
			}
		}
	});
});

describe('RSS, Atom and JSON Feed', () => {
	it('list each activity once with its link, next date and escaped text, in the feed’s language', async () => {
		const events = await createAgendaRepository({ db: handle.db }).eventsBetween(...window);
		const now = new Date('2026-10-01T08:00:00Z');
		const links = { rss: `${origin}/agenda.rss`, atom: `${origin}/agenda.atom`, json: `${origin}/agenda.json` };
		const rss = rssFeed(events, context('ar'), now, links);
		expect(rss).toContain('<rss version="2.0"');
		expect(rss.match(/<item>/g)).toHaveLength(3);
		// Text goes in CDATA sections: markup typed in a title stays text.
		expect(rss).toContain('<title><![CDATA[Table de conversation & <café>]]></title>');
		expect(rss).toContain(`${origin}/ar/agenda/`);
		const atom = atomFeed(events, context(), now, links);
		expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
		expect(atom.match(/<entry>/g)).toHaveLength(3);
		const json = jsonFeed(events, context(), now);
		expect(json.version).toBe('https://jsonfeed.org/version/1.1');
		expect(json.items.map((i) => i.title)).toEqual(['Table de conversation & <café>', 'Visite du musée de la Boverie', expect.stringContaining('Tournoi de mini-foot')]);
		expect(json.items[0]!.summary).toContain('18:00');
	});
});
