import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './browser';
import { publicPages } from './public-pages';
import { demoInterestPath } from './courses-demand.fixtures';
import { root } from './server';

const base = inject('baseURL');
let browser: Browser;
let serviceId = '';
let eventId = '';
let courseId = '';
/** A public path with its placeholders filled: {service} is a published demo service, {event} a published demo activity. */
const fill = (p: string) => p.replace('{service}', serviceId).replace('{event}', eventId).replace('{course}', courseId);

beforeAll(async () => {
	browser = await launchBrowser();
	const html = await (await fetch(`${base}/fr/annuaire?q=logement`)).text();
	serviceId = /\/fr\/annuaire\/([0-9a-f-]{36})/.exec(html)![1]!;
	// The demo's recurring conversation table, with its image (the agenda lists it this week).
	const agenda = await (await fetch(`${base}/fr/agenda?category=conversation`)).text();
	eventId = /\/fr\/agenda\/([0-9a-f-]{36})/.exec(agenda)![1]!;
	// A demo course's interest form, linked from its service page.
	courseId = (await demoInterestPath(base, 'cours du soir')).split('/')[2]!;
});
afterAll(async () => browser?.close());

function pageRoutes(dir: string, prefix = ''): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return pageRoutes(full, `${prefix}/${name}`);
		return name === '+page.svelte' ? [prefix] : [];
	});
}

describe('the list of public pages', () => {
	it('covers every page of the route tree under /[lang]', () => {
		const routes = pageRoutes(path.join(root, 'src/routes/[lang=lang]')).filter((r) => !r.startsWith('/pro'));
		const listed = new Set(publicPages.map((p) => p.split('?')[0]!.replace('{service}', '[id]').replace('{event}', '[id]').replace('{course}', '[id]')));
		expect(routes.filter((r) => !listed.has(r))).toEqual([]);
	});
});

describe.each(['fr', 'ar'])('public pages in %s', (locale) => {
	// One visit per page: axe on the whole page, then on the opened language switcher, then the same
	// page on a 320 px phone screen.
	it.each([...publicPages])(`%s passes axe (WCAG 2.1 A and AA) and fits a 320 px wide screen without sideways scrolling`, async (pagePath) => {
		const page = await newPage(browser);
		await page.goto(`${base}/${locale}${fill(pagePath)}`);
		await expectAccessible(page);
		// The language switcher, opened, must be accessible too (the rest of the page was just checked).
		const switcher = page.locator('.languages summary');
		await switcher.click();
		await expectAccessible(page, '.languages');
		await switcher.click();
		await page.setViewportSize({ width: 320, height: 640 });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow, `sideways scrolling at 320 px on ${page.url()}`).toBeLessThanOrEqual(0);
		await page.context().close();
	});
});

describe('without JavaScript', () => {
	it('a newcomer finds their municipality from the home page and switches language', async () => {
		const page = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(`${base}/fr`);
		await page.getByLabel('Commune, village ou code postal').fill('Ougree');
		await page.keyboard.press('Enter');
		await page.waitForURL(/\/fr\/communes\?q=Ougree/);
		await expect.poll(() => page.locator('#results').textContent()).toContain('1 résultat');
		expect(await page.locator('#results + ul').textContent()).toContain('Ougrée (4102) fait partie de la commune de Seraing');

		// The language switcher is a <details>: it opens and leads to the same page in Arabic.
		await page.locator('.languages summary').click();
		await page.getByRole('link', { name: 'العربية' }).click();
		await page.waitForURL(/\/ar\/communes\?q=Ougree/);
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		expect(await page.locator('#q').inputValue()).toBe('Ougree');
		await page.context().close();
	});

	it('a search too short says so and keeps what was typed', async () => {
		const page = await newPage(browser, { javaScriptEnabled: false });
		await page.goto(`${base}/fr/communes`);
		await page.getByLabel('Commune, village ou code postal').fill('é');
		await page.getByRole('button', { name: 'Chercher' }).click();
		await page.waitForURL(/q=/);
		expect(await page.locator('#q-error').textContent()).toContain('Tapez au moins 2 lettres');
		expect(await page.locator('#q').inputValue()).toBe('é');
		expect(await page.locator('#q').getAttribute('aria-invalid')).toBe('true');
		await page.context().close();
	});
});

describe('right to left', () => {
	it('mirrors the layout in Arabic: the site name starts on the right', async () => {
		const page = await newPage(browser, { viewport: { width: 1024, height: 768 } });
		await page.goto(`${base}/ar`);
		expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
		const brand = await page.locator('.brand').boundingBox();
		const switcher = await page.locator('.languages').boundingBox();
		expect(brand!.x).toBeGreaterThan(switcher!.x);
		await page.goto(`${base}/fr`);
		const brandFr = await page.locator('.brand').boundingBox();
		const switcherFr = await page.locator('.languages').boundingBox();
		expect(brandFr!.x).toBeLessThan(switcherFr!.x);
		await page.context().close();
	});

	it('skip link reaches the main content from the keyboard', async () => {
		const page = await newPage(browser);
		await page.goto(`${base}/fr/parcours`);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
		await page.keyboard.press('Enter');
		expect(page.url()).toMatch(/#content$/);
		await page.context().close();
	});
});
