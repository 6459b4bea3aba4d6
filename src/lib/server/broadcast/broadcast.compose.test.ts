import { describe, expect, it } from 'vitest';
import { composeDigest, composeEventMessage } from './broadcast.compose';
import { sampleEvent } from './broadcast.samples';
import { parseTelegramHtml } from './fake-bot-api';
import { digestWeek, isoWeek, weekBounds } from './broadcast.time';

/** The text a follower reads, after Telegram parsed the HTML (fails on HTML Telegram refuses). */
function visible(html: string): string {
	const parsed = parseTelegramHtml(html);
	if ('error' in parsed) throw new Error(parsed.error);
	// Intl puts thin and narrow no-break spaces around dashes and before AM/PM: compare as spaces.
	return parsed.text.replace(/[\u2009\u202f\u00a0]/g, ' ');
}

describe('channel messages', () => {
	it('gives title, Brussels date and time, place, price, languages, markers and link in French', () => {
		const html = composeEventMessage(sampleEvent(), ['fr']);
		const text = visible(html);
		expect(html).toContain('<b>Table de conversation en français</b>');
		expect(text).toContain('jeudi 12 mars 2026, 18:30 – 20:00');
		expect(text).toContain('📍 Maison des Langues, rue du Pont 5, Seraing');
		expect(text).toContain('Gratuit');
		expect(text).toContain('Langues : français et arabe');
		expect(text).toContain('Garderie pour les enfants');
		expect(text).toContain('Accessible en fauteuil roulant');
		expect(text).not.toContain('Interprète');
		expect(html).toContain('<a href="https://passerelle.example.be/fr/agenda/table-fr">Voir l’activité</a>');
	});

	it('escapes what organisers typed and links only http(s) addresses', () => {
		const html = composeEventMessage(
			sampleEvent({ title: { fr: 'Soirée <b>jeux</b> & "quiz" </a>' }, place: 'Café <Le Coin>', online: false, registrationUrl: 'javascript:alert(1)', price: '5 € <gratuit si > 3>' , free: false }),
			['fr']
		);
		const text = visible(html);
		expect(text).toContain('Soirée <b>jeux</b> & "quiz" </a>');
		expect(text).toContain('Café <Le Coin>');
		expect(text).toContain('Prix : 5 € <gratuit si > 3>');
		expect(html).not.toContain('javascript:');
		expect(text).not.toContain('S’inscrire');
	});

	it('writes one block per channel language, in order, with French where a text is missing', () => {
		const html = composeEventMessage(sampleEvent({ summary: { fr: 'On parle lentement.' } }), ['fr', 'en', 'ar']);
		const text = visible(html);
		const [fr, en, ar] = ['🌐 Français', '🌐 English', '🌐 العربية'].map((h) => text.indexOf(h));
		expect(fr).toBeGreaterThanOrEqual(0);
		expect(en).toBeGreaterThan(fr!);
		expect(ar).toBeGreaterThan(en!);
		expect(text).toContain('Thursday, March 12, 2026, 6:30 – 8:00 PM');
		expect(text).toContain('Conversation table in French');
		expect(text.slice(en!, ar!)).toContain('On parle lentement.');
		expect(text).toContain('مجاني');
		expect(text).toContain('Languages: French and Arabic');
	});

	it('says online, shows the recurrence and links the registration', () => {
		const html = composeEventMessage(
			sampleEvent({ online: true, place: null, municipality: null, recurrence: { fr: 'chaque jeudi jusqu’au 25 juin' }, registrationUrl: 'https://forms.example.be/inscription?atelier=3&langue=fr' }),
			['fr']
		);
		expect(html).toContain('✍️ <a href="https://forms.example.be/inscription?atelier=3&amp;langue=fr">S’inscrire</a>');
		const text = visible(html);
		expect(text).toContain('📍 En ligne');
		expect(text).toContain('🔁 chaque jeudi jusqu’au 25 juin');
	});

	it('strikes a cancelled event through and says cancelled in each language', () => {
		const html = composeEventMessage(sampleEvent({ status: 'cancelled' }), ['fr', 'en']);
		expect(html).toContain('<s><b>Table de conversation en français</b></s>');
		expect(html).toContain('<s><b>Conversation table in French</b></s>');
		expect(visible(html)).toContain('❌ ANNULÉ');
		expect(visible(html)).toContain('❌ CANCELLED');
		expect(visible(html)).not.toContain('Gratuit');
	});

	it('stays within 4096 characters: descriptions shortened, then the last languages left out', () => {
		const long = 'Une très longue description. '.repeat(400);
		const summary = Object.fromEntries(['fr', 'en', 'ar', 'nl'].map((l) => [l, long]));
		const html = composeEventMessage(sampleEvent({ summary }), ['fr', 'en', 'ar', 'nl']);
		const text = visible(html);
		expect(text.length).toBeLessThanOrEqual(4096);
		expect(text).toContain('🌐 Nederlands');
		expect(text).toContain('…');
		const twelve = composeEventMessage(sampleEvent({ summary, title: { fr: 'T'.repeat(5000) } }), ['fr', 'nl', 'de', 'en', 'ar', 'fa', 'ps', 'uk', 'ru', 'tr', 'es', 'ti']);
		expect(visible(twelve).length).toBeLessThanOrEqual(4096);
		expect(visible(twelve)).toContain('🌐 Français');
	});

	it('lists the week in the digest, in time order, and links the rest of the agenda', () => {
		const events = Array.from({ length: 60 }, (_, i) =>
			sampleEvent({ id: `e${i}`, title: { fr: `Activité numéro ${i}`, en: `Activity number ${i}` }, startsAt: new Date(Date.UTC(2026, 2, 9 + (i % 6), 8 + (i % 10))), endsAt: null })
		);
		const week = weekBounds('2026-W11')!;
		const html = composeDigest({ events, locales: ['fr', 'en'], week, agendaUrl: (l) => `https://passerelle.example.be/${l}/agenda` });
		const text = visible(html);
		expect(text.length).toBeLessThanOrEqual(4096);
		expect(text).toContain('Les activités de la semaine (9–15 mars)');
		expect(text).toContain('This week’s activities (March 9 – 15)');
		expect(text).toMatch(/\d+ autres activités dans l’agenda/);
		expect(html).toContain('href="https://passerelle.example.be/en/agenda"');
		const first = text.indexOf('lun. 9 mars');
		expect(first).toBeGreaterThan(0);
		expect(text.indexOf('mar. 10 mars')).toBeGreaterThan(first);
	});
});

describe('Brussels weeks', () => {
	it('numbers ISO weeks across year ends', () => {
		expect(isoWeek(2026, 1, 1).id).toBe('2026-W01');
		expect(isoWeek(2027, 1, 1).id).toBe('2026-W53');
		expect(isoWeek(2024, 12, 30).id).toBe('2025-W01');
		expect(weekBounds('2026-W01')!.start.toISOString()).toBe('2025-12-28T23:00:00.000Z');
	});

	it('puts Monday 08:00 in Brussels time on both sides of the change to summer time', () => {
		// Summer time starts on Sunday 29 March 2026.
		const before = digestWeek(new Date('2026-03-25T12:00:00Z'), { weekday: 1, hour: 8, minute: 0 });
		expect(before).toMatchObject({ id: '2026-W13' });
		expect(before.dueAt.toISOString()).toBe('2026-03-23T07:00:00.000Z');
		expect(before.end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
		const after = digestWeek(new Date('2026-03-30T05:59:00Z'), { weekday: 1, hour: 8, minute: 0 });
		expect(after.id).toBe('2026-W14');
		expect(after.dueAt.toISOString()).toBe('2026-03-30T06:00:00.000Z');
		// Sunday 23:30 in Brussels is still the week that started on Monday.
		expect(digestWeek(new Date('2026-03-29T21:30:00Z'), { weekday: 1, hour: 8, minute: 0 }).id).toBe('2026-W13');
	});
});
