import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './browser';
import { root } from './server';

const base = inject('baseURL');
const catalogue = (l: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe.each(['fr', 'ar'])('the public directory without JavaScript, in %s', (locale) => {
	it('finds evening French classes with childcare near Jemeppe, first, from the form', async () => {
		const page = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(`${base}/${locale}/annuaire`);
		const t = catalogue(locale);
		// The words typed in French in both interfaces: other browser suites edit the Seraing demo
		// services (their Arabic names become outdated), so the Arabic words are checked below on
		// what every French class keeps, its need.
		await page.getByLabel(t['directory.search.q']!).fill('cours de français');
		await page.getByLabel(t['directory.search.place']!).fill('Jemeppe');
		await page.getByRole('checkbox', { name: t['directory.filter.evening'] }).check();
		await page.getByRole('checkbox', { name: t['directory.filter.childcare'] }).check();
		await page.locator('form[role="search"] button[type="submit"]').click();
		await page.waitForURL(/place=Jemeppe/);
		const first = page.locator('.results > li').first();
		await expect.poll(() => first.locator('.meta').textContent()).toContain('Seraing');
		const badges = await first.locator('.badges').textContent();
		expect(badges).toContain(t['directory.filter.evening']);
		expect(badges).toContain(t['directory.filter.childcare']);
		expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
		// What was typed stays in the form; the URL can be shared.
		expect(await page.getByLabel(t['directory.search.place']!).inputValue()).toBe('Jemeppe');
		const resultsUrl = page.url();

		// The service page: hours, conditions, contact, and its JSON-LD.
		await first.locator('h3 a').click();
		await page.waitForURL(new RegExp(`/${locale}/annuaire/[0-9a-f-]{36}$`));
		expect(await page.locator('h2').allTextContents()).toContain(t['directory.service.hours']);
		const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
		expect(jsonLd['@type']).toBe('Service');
		expect(jsonLd.provider.address.addressLocality).toBe('Seraing');
		const serviceUrl = page.url();
		if (locale === 'ar') {
			await page.goto(`${base}/ar/annuaire?q=${encodeURIComponent('دروس اللغة الفرنسية')}`);
			const cards = page.locator('.results > li');
			expect(await cards.count()).toBeGreaterThan(3);
			for (const card of (await cards.all()).slice(0, 3)) expect(await card.locator('.needs-icons').textContent()).toMatch(new RegExp(['french', 'fle', 'alpha', 'conversation'].map((n) => t[`needs.${n}`]!.replace(/[()]/g, '\\$&')).join('|')));
		}
		await page.context().close();

		// axe needs JavaScript to run; the pages themselves ship none, so they are the same pages.
		const checker = await newPage(browser);
		for (const url of [resultsUrl, serviceUrl]) {
			await checker.goto(url);
			await expectAccessible(checker);
		}
		await checker.context().close();
	});
});

describe('search words', () => {
	it.each([
		['fracais', 'fle'],
		['logemen', 'housing']
	])('"%s" (typed loosely) finds services', async (q) => {
		const html = await (await fetch(`${base}/fr/annuaire?q=${encodeURIComponent(q)}`)).text();
		expect(html).toMatch(/services? trouvés?/);
		expect(html).not.toContain('Aucun service trouvé');
	});

	it('bad filters are ignored, an unknown place is said, never a 500', async () => {
		for (const query of ['need=nope&km=7&evening=maybe&page=-3', 'place=Bruxelles&q=logement', `q=${'x'.repeat(5000)}`, 'lang=%3Cscript%3E']) {
			const res = await fetch(`${base}/fr/annuaire?${query}`);
			expect(res.status, query.slice(0, 30)).toBe(200);
		}
		const html = await (await fetch(`${base}/fr/annuaire?place=Bruxelles&q=logement`)).text();
		expect(html).toContain('Nous ne trouvons pas');
		expect(html).toContain('aria-invalid="true"');
	});
});
