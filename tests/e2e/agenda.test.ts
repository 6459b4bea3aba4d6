import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage, signInDemo } from './browser';

const base = inject('baseURL');
let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'agenda-e2e-'));

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	rmSync(dir, { recursive: true, force: true });
});

const signIn = (email: string, locale = 'fr'): Promise<Page> => signInDemo(browser, base, email, locale);
/** A Brussels date `days` from today (YYYY-MM-DD). */
const day = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + days * 86_400_000));
const title = `Atelier tricot et français ${Date.now().toString(36)}`;
let eventId = '';

describe('an activity from submission to the public agenda and its feeds (demo accounts)', () => {
	it('a worker writes an activity: wrong dates and a recurrence without end are refused next to their fields, keeping what was typed', async () => {
		const page = await signIn('ili.travailleur@demo.passerelle.be', 'fr');
		await page.goto(`${base}/fr/pro/agenda`);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Nouvelle activité' }).click();
		await page.waitForURL(/\/fr\/pro\/agenda\/nouveau$/);
		await page.locator('input[name="title"]').fill(title);
		await page.locator('textarea[name="description"]').fill('On tricote et on parle français, pour tous les niveaux. Laine fournie.');
		await page.locator('select[name="category"]').selectOption('conversation');
		await page.locator('input[name="startDate"]').fill(day(9));
		await page.locator('input[name="startTime"]').fill('18:00');
		await page.locator('input[name="endTime"]').fill('17:00');
		await page.locator('input[name="repeat"][value="weekly"]').check();
		await page.locator('input[name="placeName"]').fill('Maison des Langues');
		await page.locator('input[name="street"]').fill('Rue de la Fictive 12');
		await page.locator('input[name="postalCode"]').fill('4100');
		await page.locator('select[name="nisCode"]').selectOption('62096');
		await page.locator('input[name="languages"][value="ar"]').check();
		await page.locator('input[name="childcare"]').check();
		await page.getByRole('button', { name: 'Créer l’activité' }).click();

		// Both problems at once, in French, next to their fields; nothing typed is lost.
		expect(await page.locator('#f-endTime-error').textContent()).toBe('La fin doit être après le début.');
		expect(await page.locator('#f-until-error').textContent()).toContain('Une activité répétée doit s’arrêter');
		expect(await page.locator('input[name="title"]').inputValue()).toBe(title);
		expect(await page.locator('input[name="languages"][value="ar"]').isChecked()).toBe(true);
		expect(await page.locator('input[name="repeat"][value="weekly"]').isChecked()).toBe(true);
		await expectAccessible(page);

		await page.locator('input[name="endTime"]').fill('20:00');
		await page.locator('input[name="until"]').fill(day(9 + 21));
		await page.getByRole('button', { name: 'Créer l’activité' }).click();
		await page.waitForURL(/\/fr\/pro\/agenda\/[0-9a-f-]{36}\?created=1$/);
		eventId = new URL(page.url()).pathname.split('/').pop()!;
		expect(await page.locator('.form-success').textContent()).toContain('Activité créée');
		await expectAccessible(page);
		await page.context().close();
	}, 180_000);

	it('an image is checked from its content and its size, in the page’s language; a real photo is kept with its description', async () => {
		const page = await signIn('ili.travailleur@demo.passerelle.be', 'ar');
		await page.goto(`${base}/ar/pro/agenda/${eventId}`);
		const upload = async (file: string, alt: string) => {
			await page.locator('#f-image').setInputFiles(file);
			await page.locator('#f-alt').fill(alt);
			await page.locator('form[action="?/image#image"] button[type="submit"]').click();
			await page.waitForLoadState();
		};
		// A text file named like a photo.
		const fake = path.join(dir, 'photo.jpg');
		writeFileSync(fake, 'Ceci n’est pas une image.');
		await upload(fake, 'صورة');
		expect(await page.locator('#f-image-error').textContent()).toContain('هذا الملف ليس صورة');
		expect(await page.locator('#f-alt').inputValue()).toBe('صورة');
		await expectAccessible(page);

		// 50 MB: the server cuts the body (BODY_SIZE_LIMIT=6M) and the page says why, in Arabic.
		const huge = path.join(dir, 'huge.jpg');
		const bytes = Buffer.alloc(50 * 1024 * 1024, 7);
		bytes.set([0xff, 0xd8, 0xff, 0xe0]);
		writeFileSync(huge, bytes);
		await upload(huge, 'صورة كبيرة');
		expect(await page.locator('html').getAttribute('lang')).toBe('ar');
		expect(await page.locator('#f-image-error').textContent()).toContain('هذه الصورة ثقيلة جدًا');
		// The activity's fields, saved by their own form, are all still there.
		expect(await page.locator('input[name="title"]').inputValue()).toBe(title);

		const photo = path.join(dir, 'tricot.jpg');
		writeFileSync(photo, await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#c85' } }).jpeg().toBuffer());
		await upload(photo, 'Des pelotes de laine sur une table.');
		await page.locator('.form-success').waitFor();
		const src = await page.locator('#image img').getAttribute('src');
		// A draft's image is for the organisation only.
		expect((await fetch(`${base}${src}`)).status).toBe(404);
		expect((await page.request.get(`${base}${src}`)).headers()['cache-control']).toBe('private, no-store');

		await page.locator('form[action="?/submit"] button').click();
		await page.locator('.form-success').waitFor();
		await page.context().close();
	}, 180_000);

	it('a directory editor finds it in the queue and publishes it; it shows in the agenda, on its page and in the feeds', async () => {
		// Nothing public before publication.
		expect((await fetch(`${base}/fr/agenda/${eventId}`)).status).toBe(404);
		const editor = await signIn('editeur@demo.passerelle.be', 'fr');
		await editor.goto(`${base}/fr/pro/agenda/moderation`);
		await expectAccessible(editor);
		await editor.getByRole('link', { name: title }).click();
		await editor.waitForURL(new RegExp(`/fr/pro/agenda/${eventId}$`));
		await expectAccessible(editor);
		await editor.locator('button[formaction="?/publish"]').click();
		await editor.waitForURL(/\/fr\/pro\/agenda\/moderation\?published=1$/);

		// The channel admins' WhatsApp post, in French and Arabic.
		await editor.goto(`${base}/fr/pro/agenda/${eventId}?channel=fr&channel=ar`);
		const post = await editor.locator('#whatsapp-text').inputValue();
		expect(post).toContain(`*${title}*`);
		expect(post).toContain('مجاني');
		expect(await editor.getByRole('link', { name: 'Ouvrir dans WhatsApp' }).getAttribute('href')).toMatch(/^https:\/\/wa\.me\/\?text=/);
		await editor.context().close();

		for (const locale of ['fr', 'ar']) {
			const page = await newPage(browser, { javaScriptEnabled: false });
			await page.goto(`${base}/${locale}/agenda?from=${day(9)}&municipality=62096&lang=ar&childcare=1`);
			await page.getByRole('link', { name: title }).first().click();
			await page.waitForURL(new RegExp(`/${locale}/agenda/${eventId}$`));
			expect(await page.locator('h1').textContent()).toBe(title);
			const image = page.locator('img.event-image');
			expect(await image.getAttribute('alt')).toBe('Des pelotes de laine sur une table.');
			const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
			expect(jsonLd).toMatchObject({ '@type': 'Event', name: title, eventStatus: 'https://schema.org/EventScheduled', location: { address: { addressLocality: 'Seraing' } } });
			expect(jsonLd.startDate).toMatch(new RegExp(`^${day(9)}T18:00:00\\+0[12]:00$`));
			await page.context().close();
			// axe needs scripts: the same page, checked in a browser that runs them.
			const checked = await newPage(browser);
			await checked.goto(`${base}/${locale}/agenda/${eventId}`);
			await expectAccessible(checked);
			await checked.context().close();
		}
		const img = await fetch(`${base}/agenda/images/${/images\/([0-9a-f-]{36})-large/.exec(await (await fetch(`${base}/fr/agenda/${eventId}`)).text())![1]}-large.jpg`);
		expect(img.headers.get('content-type')).toBe('image/jpeg');
		expect(img.headers.get('cache-control')).toContain('immutable');

		const ics = await (await fetch(`${base}/agenda.ics?municipality=62096&category=conversation&lang=ar`)).text();
		const calendar = new ICAL.Component(ICAL.parse(ics));
		ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
		const vevent = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.summary === title)!;
		const dates: string[] = [];
		const it = vevent.iterator();
		for (let next = it.next(); next; next = it.next()) dates.push(next.toString().slice(0, 10));
		expect(dates).toEqual([day(9), day(16), day(23), day(30)]);
		const json = (await (await fetch(`${base}/agenda.json?locale=ar&childcare=1`)).json()) as { items: { title: string; url: string }[] };
		expect(json.items.find((i) => i.title === title)?.url).toBe(`${base}/ar/agenda/${eventId}`);
		expect(await (await fetch(`${base}/agenda.rss`)).text()).toContain(title);
		// Another municipality's feed does not carry it.
		expect(await (await fetch(`${base}/agenda.ics?municipality=62063`)).text()).not.toContain(title);
	}, 180_000);
});

describe('public proposals', () => {
	it('are kept for moderation, and a flood from one address is refused in the page’s language with nothing stored', async () => {
		const proposal = (n: number) =>
			new URLSearchParams({ title: `Proposition ${n} ${title}`, description: 'Une rencontre ouverte à tous.', category: 'intercultural', startDate: day(12), startTime: '14:00', endTime: '16:00', repeat: 'none', mode: 'place', street: 'Rue Haute 1', postalCode: '4000', nisCode: '62063', free: 'on', registration: 'none', audience: 'all', organiserName: 'Collectif du quartier' });
		const page = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(`${base}/ar/agenda/proposer`);
		for (let n = 1; n <= 5; n++) {
			const res = await page.request.post(`${base}/ar/agenda/proposer`, { form: Object.fromEntries(proposal(n)), headers: { origin: base } });
			expect(res.status()).toBe(200);
		}
		// The sixth, typed in the form: refused, in Arabic, with what was typed kept.
		await page.locator('input[name="title"]').fill(`Proposition 6 ${title}`);
		await page.locator('input[name="startDate"]').fill(day(12));
		await page.locator('input[name="startTime"]').fill('14:00');
		await page.locator('input[name="street"]').fill('Rue Haute 1');
		await page.locator('select[name="nisCode"]').selectOption('62063');
		await page.locator('input[name="organiserName"]').fill('Collectif du quartier');
		await page.getByRole('button', { name: 'أرسل الاقتراح' }).click();
		expect(await page.locator('.form-error').textContent()).toContain('أُرسل عدد كبير جدًا من الاقتراحات');
		expect(await page.locator('input[name="title"]').inputValue()).toBe(`Proposition 6 ${title}`);
		await page.context().close();

		const editor = await signIn('editeur@demo.passerelle.be', 'fr');
		await editor.goto(`${base}/fr/pro/agenda/moderation`);
		const rows = await editor.locator('tbody tr', { hasText: title }).allTextContents();
		expect(rows.filter((r) => r.includes('Proposition du public'))).toHaveLength(5);
		expect(rows.some((r) => r.includes('Proposition 6'))).toBe(false);
		await editor.context().close();
	}, 180_000);
});
