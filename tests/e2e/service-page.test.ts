import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage, signInDemo } from './browser';
import { root, startServer, type RunningServer } from './server';

const base = inject('baseURL');
const catalogue = (l: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

/** A published demo service in Seraing (French classes), found through the public search. */
async function aServiceUrl(locale = 'fr'): Promise<string> {
	const html = await (await fetch(`${base}/${locale}/annuaire?q=cours+de+fran%C3%A7ais&place=Seraing`)).text();
	const id = /\/annuaire\/([0-9a-f-]{36})"/.exec(html)?.[1];
	expect(id).toBeTruthy();
	return `${base}/${locale}/annuaire/${id}`;
}

const signIn = (email: string, locale = 'fr'): Promise<Page> => signInDemo(browser, base, email, locale);

describe('sharing a service page', () => {
	it('offers plain share links without JavaScript, with the page’s address', async () => {
		const url = await aServiceUrl();
		const page = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(url);
		const t = catalogue('fr');
		await page.getByText(t['directory.tools.share']!, { exact: true }).click();
		expect(await page.locator('#share-url').inputValue()).toBe(url);
		const whatsapp = await page.getByRole('link', { name: 'WhatsApp' }).getAttribute('href');
		expect(decodeURIComponent(whatsapp!)).toContain(url);
		const mail = await page.getByRole('link', { name: t['directory.tools.byEmail'] }).getAttribute('href');
		expect(decodeURIComponent(mail!)).toContain(url);
		// The buttons that need a script stay hidden when there is none.
		expect(await page.locator('#read-aloud').isVisible()).toBe(false);
		expect(await page.locator('#print-page').isVisible()).toBe(false);
		await page.context().close();
	});

	it('with JavaScript, offers printing; the page loads one small same-origin script and no framework', async () => {
		const url = await aServiceUrl();
		const html = await (await fetch(url)).text();
		const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
		expect(scripts.filter((a) => !a.includes('application/ld+json'))).toEqual([expect.stringMatching(/src="\/_app\/immutable\/assets\/service-page\.[\w-]+\.js" defer/)]);
		expect(html).not.toMatch(/modulepreload/);
		const page = await newPage(browser);
		await page.goto(url);
		await expect.poll(() => page.locator('#print-page').isVisible()).toBe(true);
		await page.context().close();
	});
});

describe('reading a service page aloud with the device’s voices', () => {
	// The device's speech synthesis is a browser API: the test gives the page a device with
	// (or without) a voice, and records what the page asks it to say.
	const fakeDevice = (voices: { lang: string }[]) => `
		window.__spoken = [];
		const synth = {
			speaking: false,
			getVoices: () => ${JSON.stringify(voices)}.map((v) => ({ ...v, name: v.lang, default: false, localService: true, voiceURI: v.lang })),
			speak: (u) => window.__spoken.push({ text: u.text, lang: u.lang }),
			cancel: () => window.__spoken.push({ cancelled: true }),
			addEventListener: () => {}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
	`;

	it('reads the name, hours and conditions in French when the device has a French voice', async () => {
		const url = await aServiceUrl();
		const page = await newPage(browser);
		await page.addInitScript(fakeDevice([{ lang: 'fr-BE' }]));
		await page.goto(url);
		const button = page.getByRole('button', { name: catalogue('fr')['directory.tools.readAloud'] });
		await expect.poll(() => button.isVisible()).toBe(true);
		await button.click();
		const spoken = (await page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken)) ?? [];
		const name = (await page.locator('h1').textContent())!.trim();
		expect(spoken[0]).toEqual({ text: name, lang: 'fr' });
		expect(spoken.map((s) => s.text).join(' ')).toContain(catalogue('fr')['directory.service.closedDay']);
		expect(await button.getAttribute('aria-pressed')).toBe('true');
		await button.click();
		expect(await page.evaluate(() => (window as unknown as { __spoken: { cancelled?: boolean }[] }).__spoken.at(-1))).toEqual({ cancelled: true });
		await page.context().close();
	});

	it('is not offered when the device has no voice for the page’s language', async () => {
		const url = await aServiceUrl('ar');
		const page = await newPage(browser);
		await page.addInitScript(fakeDevice([{ lang: 'fr-FR' }, { lang: 'en-GB' }]));
		await page.goto(url);
		await expect.poll(() => page.locator('#print-page').isVisible()).toBe(true);
		expect(await page.locator('#read-aloud').isVisible()).toBe(false);
		await page.context().close();
	});
});

describe('reporting an error on a service page', () => {
	it('keeps what was typed on a mistake, thanks the person, and shows the report to directory editors only', async () => {
		const url = await aServiceUrl('ar');
		const t = catalogue('ar');
		const page = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(url);
		await page.getByText(t['directory.report.title']!, { exact: true }).click();
		await page.getByLabel(t['directory.report.contact']!).fill('reporter@example.be');
		await page.getByRole('button', { name: t['directory.report.send'] }).click();
		// Nothing chosen, nothing written: both said next to their fields, the contact kept.
		expect(await page.locator('#report-topic-error').textContent()).toBe(t['directory.report.errors.topic']);
		expect(await page.locator('#report-message-error').textContent()).toBe(t['directory.report.errors.message']);
		expect(await page.getByLabel(t['directory.report.contact']!).inputValue()).toBe('reporter@example.be');
		const errorUrl = page.url();

		await page.getByLabel(t['directory.report.topics.hours']!).check();
		await page.getByLabel(t['directory.report.message']!).fill('الدروس يوم الثلاثاء تبدأ الآن في الساعة 19:00');
		await page.getByRole('button', { name: t['directory.report.send'] }).click();
		expect(await page.getByRole('status').textContent()).toContain(t['directory.report.thanks']);
		await page.context().close();

		const checker = await newPage(browser);
		await checker.goto(errorUrl);
		await checker.getByText(t['directory.report.title']!, { exact: true }).click();
		await expectAccessible(checker);
		await checker.context().close();

		// A worker of an organisation does not see the reports; a directory editor does.
		const worker = await signIn('ili.travailleur@demo.passerelle.be');
		const refused = await worker.goto(`${base}/fr/pro/moderation`);
		expect(refused?.status()).toBe(403);
		await worker.context().close();

		const editor = await signIn('editeur@demo.passerelle.be');
		await editor.goto(`${base}/fr/pro/moderation`);
		const row = editor.locator('table.reports tbody tr', { hasText: '19:00' });
		expect(await row.count()).toBe(1);
		expect(await row.textContent()).toContain('reporter@example.be');
		expect(await row.textContent()).toContain(catalogue('fr')['directory.report.topics.hours']);
		await expectAccessible(editor);
		await row.locator('input[type="checkbox"]').check();
		await editor.getByRole('button', { name: catalogue('fr')['pro.reports.markHandled'] }).click();
		expect(await editor.getByRole('status').textContent()).toContain('1');
		expect(await editor.locator('table.reports tbody tr', { hasText: '19:00' }).count()).toBe(0);
		await editor.context().close();
	});

	it('refuses a flood from one address after five reports in an hour, saying so', async () => {
		const url = await aServiceUrl();
		const post = (message: string) =>
			fetch(`${url}?/report`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-sveltekit-action': 'true' },
				body: new URLSearchParams({ topic: 'other', message, contact: '' })
			});
		// SvelteKit answers an action called this way with JSON: { type, status, data }.
		const answers: { type: string; status?: number; data: string }[] = [];
		for (let i = 0; i < 6; i++) answers.push(await (await post(`Message numéro ${i} pour tester la limite`)).json());
		// The first report of this address was the Arabic one above: four more pass, then a pause.
		expect(answers.map((a) => a.type)).toEqual(['success', 'success', 'success', 'success', 'failure', 'failure']);
		expect(answers[5]!.status).toBe(429);
		expect(answers[5]!.data).toContain('directory.report.errors.throttled');
	});
});

describe('the results map, when an operator configured a tile server', () => {
	let tiles: Server;
	let tileRequests = 0;
	let server: RunningServer;
	// A 1×1 PNG is enough for a tile: the map only needs an image to draw.
	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

	beforeAll(async () => {
		tiles = createServer((req, res) => {
			if (/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) tileRequests++;
			res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' }).end(png);
		});
		await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
		const port = (tiles.address() as { port: number }).port;
		server = await startServer({ MAP_TILE_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`, MAP_ATTRIBUTION: 'Tuiles de test' }, { fromDemoTemplate: true });
	}, 240_000);
	afterAll(async () => {
		await server?.stop();
		await new Promise((resolve) => tiles?.close(resolve));
	});

	it('shows the results on the map with JavaScript on a wide screen, from the configured tiles only', async () => {
		const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
		const blocked: string[] = [];
		page.on('console', (m) => {
			if (/Content.Security.Policy/i.test(m.text())) blocked.push(m.text());
		});
		const res = await page.goto(`${server.url}/fr/annuaire?q=cours+de+fran%C3%A7ais&place=Seraing`);
		expect(res?.headers()['content-security-policy']).toMatch(/img-src [^;]*http:\/\/127\.0\.0\.1:\d+/);
		await expect.poll(() => page.locator('#map-canvas').getAttribute('data-ready'), { timeout: 15_000 }).toMatch(/^\d+$/);
		expect(Number(await page.locator('#map-canvas').getAttribute('data-ready'))).toBeGreaterThan(0);
		expect(await page.locator('#map-canvas .leaflet-interactive').count()).toBeGreaterThan(0);
		await expect.poll(() => tileRequests).toBeGreaterThan(0);
		expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('Tuiles de test');
		expect(blocked).toEqual([]);
		// The list is still there, first, for keyboards and screen readers.
		expect(await page.locator('.results > li').count()).toBeGreaterThan(0);
		await expectAccessible(page);
		await page.context().close();
	});

	it('waits to be asked on a phone, and is absent without JavaScript', async () => {
		const phone = await newPage(browser, { viewport: { width: 360, height: 740 } });
		await phone.goto(`${server.url}/ar/annuaire?q=cours+de+fran%C3%A7ais&place=Seraing`);
		const show = phone.getByRole('button', { name: catalogue('ar')['directory.map.show'] });
		await expect.poll(() => show.isVisible()).toBe(true);
		expect(await phone.locator('#map-canvas').isVisible()).toBe(false);
		await show.click();
		await expect.poll(() => phone.locator('#map-canvas').getAttribute('data-ready'), { timeout: 15_000 }).toMatch(/^\d+$/);
		await phone.context().close();

		const noJs = await newPage(browser, { javaScriptEnabled: false });
		await noJs.goto(`${server.url}/fr/annuaire?q=cours+de+fran%C3%A7ais&place=Seraing`);
		expect(await noJs.locator('#results-map').isVisible()).toBe(false);
		expect(await noJs.locator('.results > li').count()).toBeGreaterThan(0);
		await noJs.context().close();
	});

	it('is not there at all when no tile server is configured (the default)', async () => {
		const html = await (await fetch(`${base}/fr/annuaire?q=cours+de+fran%C3%A7ais&place=Seraing`)).text();
		expect(html).not.toContain('results-map');
	});
});
