import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { createAgendaBroadcastSource } from './agenda.broadcast';
import { readEventForm } from './agenda.schemas';
import { whatsappShareLink, whatsappText } from './agenda.share';
import { translation } from '../directory/directory.table';
import { createEventTranslations } from './agenda.translations';
import { createAgenda } from './agenda.usecases';

let handle: DatabaseHandle;
let weekly = '';
let draft = '';
let cancelled = '';
const baseUrl = 'https://passerelle.example.be/';

function formData(values: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
	return data;
}
const base = { description: `Venez parler français autour d’un thé. ${'On apprend les mots du quotidien, on rit beaucoup. '.repeat(8)}`, startTime: '18:00', endTime: '19:30', mode: 'place', placeName: 'Maison de quartier', street: 'Rue Haute 3', postalCode: '4100', nisCode: '62096', free: 'on', registration: 'none', audience: 'all', languages: ['fr', 'ar'], childcare: 'on', category: 'conversation' };

beforeAll(async () => {
	handle = await freshDatabase();
	const db = handle.db;
	const identity = createIdentityRepository({ db });
	const org = await identity.organisations.create({ name: 'Maison des Langues (test)', kind: 'ili', nisCode: '62096' });
	const user = await identity.users.create({ email: 'b@agenda.test', name: 'Basile', locale: 'fr' });
	const ctx = { actorUserId: user.id, ipHash: 'h' };
	const agenda = createAgenda({ db });
	const make = async (values: Record<string, string | string[]>) => agenda.create(org.id, readEventForm(formData({ ...base, ...values })).data!, ctx);
	weekly = await make({ title: 'Table de conversation', startDate: '2026-10-13', repeat: 'weekly', until: '2026-11-10' });
	// A reviewed Dutch title goes to the channel; a machine English one does not.
	const translations = createEventTranslations({ db });
	await translations.review(weekly, { [translations.inputName(`agenda_event.${weekly}.title`, 'nl')]: 'Conversatietafel' }, ctx);
	await db.insert(translation).values({ entityType: 'agenda_event', entityId: weekly, field: 'title', locale: 'en', text: 'Conversation table', status: 'machine', sourceHash: null });
	await agenda.publish(weekly, ctx, null);
	draft = await make({ title: 'Brouillon', startDate: '2026-10-14' });
	cancelled = await make({ title: 'Balade annulée', category: 'visit', startDate: '2026-10-17', startTime: '10:00', endTime: '12:00' });
	await agenda.publish(cancelled, ctx, null);
	await agenda.cancel(cancelled, ctx, null);
});
afterAll(async () => handle?.close());

describe('the agenda as the broadcast queue reads it', () => {
	it('gives a published activity at its next date, with human texts only, links per language and the recurrence in words', async () => {
		const source = createAgendaBroadcastSource({ db: handle.db, baseUrl, now: () => new Date('2026-10-21T12:00:00Z') });
		const e = (await source.loadEvent(weekly))!;
		expect(e.status).toBe('published');
		expect(e.title).toEqual({ fr: 'Table de conversation', nl: 'Conversatietafel' });
		expect(e.summary.fr!.length).toBeLessThanOrEqual(280);
		expect(e.summary.fr!.endsWith('…')).toBe(true);
		expect(e.url.ar).toBe(`https://passerelle.example.be/ar/agenda/${weekly}`);
		expect(Object.keys(e.url)).toHaveLength(12);
		// The next Tuesday after 21 October is in winter time: 18:00 Brussels is 17:00 UTC.
		expect(e.startsAt.toISOString()).toBe('2026-10-27T17:00:00.000Z');
		expect(e.endsAt!.toISOString()).toBe('2026-10-27T18:30:00.000Z');
		expect(e.recurrence!.fr).toMatch(/^Chaque semaine : mardi, jusqu’au 10 novembre 2026$/);
		expect(e.recurrence!.ar).toContain('الثلاثاء');
		expect(e).toMatchObject({ place: 'Maison de quartier, Rue Haute 3, 4100 Seraing', municipality: 'Seraing', online: false, free: true, childcare: true, languages: ['fr', 'ar'] });
	});

	it('reports a cancelled activity as cancelled and knows nothing of a draft', async () => {
		const source = createAgendaBroadcastSource({ db: handle.db, baseUrl });
		expect((await source.loadEvent(cancelled))!.status).toBe('cancelled');
		expect(await source.loadEvent(draft)).toBeNull();
		expect(await source.loadEvent('not-an-id')).toBeNull();
	});

	it('lists each published date of a week for the digest, without cancelled ones', async () => {
		const source = createAgendaBroadcastSource({ db: handle.db, baseUrl });
		const week = await source.listEvents(new Date('2026-10-12T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
		expect(week.map((e) => [e.id, e.startsAt.toISOString()])).toEqual([
			[weekly, '2026-10-13T16:00:00.000Z'],
			[weekly, '2026-10-20T16:00:00.000Z']
		]);
	});

	it('composes a ready-to-paste WhatsApp post in the channel’s languages, and its share link', async () => {
		const e = (await createAgendaBroadcastSource({ db: handle.db, baseUrl, now: () => new Date('2026-10-21T12:00:00Z') }).loadEvent(weekly))!;
		const text = whatsappText(e, ['fr', 'nl', 'ar']);
		const [fr, nl, ar] = text.split('\n\n— — —\n\n');
		expect(fr).toContain('*Table de conversation*');
		expect(fr).toContain('📍 Maison de quartier, Rue Haute 3, 4100 Seraing');
		expect(fr).toContain('💶 Gratuit');
		expect(fr).toContain('mardi 27 octobre 2026');
		expect(nl).toContain('*Conversatietafel*');
		expect(nl).toContain('Gratis');
		// No Arabic title was written or checked: the French one, with Arabic dates and words.
		expect(ar).toContain('*Table de conversation*');
		expect(ar).toContain('مجاني');
		expect(ar).toContain(`https://passerelle.example.be/ar/agenda/${weekly}`);
		expect(whatsappShareLink('a b&c')).toBe('https://wa.me/?text=a%20b%26c');
	});
});
