import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, signInWithSecondFactor } from './browser';

// The courses' quarterly report on the shared server, signed in as the CRI's admin (an account
// reserved for this suite: its second factor is set up here), with JavaScript off throughout.
const base = inject('baseURL');
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	context = await browser.newContext({ locale: 'fr-BE', javaScriptEnabled: false });
	({ page } = await signInWithSecondFactor(context, base, 'cri.admin@demo.passerelle.be'));
}, 120_000);
afterAll(async () => browser?.close());

/** axe needs JavaScript: the page as served without it is replayed to a page with it, and checked. */
async function accessible(p: Page) {
	const url = p.url();
	const html = await p.content();
	const checker = await (await browser.newContext({ locale: 'fr-BE' })).newPage();
	try {
		await checker.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
		await checker.goto(url);
		await expectAccessible(checker);
	} finally {
		await checker.context().close();
	}
}

describe('the quarterly report of courses', () => {
	it.each(['fr', 'ar'])('shows the tables and the charts without JavaScript, accessible in %s', async (locale) => {
		await page.goto(`${base}/${locale}/pro`);
		await page.locator(`nav.pro-nav a[href="/${locale}/pro/rapports/trimestriel"]`).click();
		await page.waitForURL(new RegExp(`/${locale}/pro/rapports/trimestriel$`));
		expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
		// The current quarter by default: provisional.
		await expect.poll(() => page.locator('p.provisional').count()).toBe(1);
		for (const id of ['offer', 'demand', 'unmet']) expect(await page.locator(`table[data-table="${id}"] tbody tr`).count()).toBeGreaterThan(1);
		for (const id of ['chart-supply-demand', 'chart-waiting']) {
			const svg = page.getByTestId(id).locator('svg[role="img"]');
			expect(await svg.count()).toBe(1);
			expect(await svg.locator('title').first().textContent()).toBeTruthy();
			expect(await svg.locator('rect').count()).toBeGreaterThan(3);
			expect(await page.locator(`table[data-chart-table="${id}"] tbody tr`).count()).toBeGreaterThan(0);
		}
		if (locale === 'ar') expect(await page.getByTestId('chart-waiting').innerHTML()).toContain('\u202b');
		await accessible(page);
	});

	it('filters by territory with the GET form and downloads the XLSX and the PDF', async () => {
		await page.goto(`${base}/fr/pro/rapports/trimestriel`);
		await page.locator('#territory').selectOption('mun-62096');
		await page.locator('form.report-form button[type="submit"]').click();
		await page.waitForURL(/territory=mun-62096/);
		expect(await page.locator('#report-heading').textContent()).toContain('Seraing');
		const xlsx = await context.request.get(new URL((await page.getByTestId('report-xlsx').getAttribute('href'))!, base).toString());
		expect(xlsx.status()).toBe(200);
		expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
		expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
		const pdf = await context.request.get(new URL((await page.getByTestId('report-pdf').getAttribute('href'))!, base).toString());
		expect(pdf.status()).toBe(200);
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
	}, 60_000);

	it('refuses a quarter that has not begun, in the page language', async () => {
		await page.goto(`${base}/fr/pro/rapports/trimestriel?quarter=2099-Q1`);
		expect(await page.getByTestId('report-refused').textContent()).toContain('pas encore commencé');
		const refused = await context.request.get(`${base}/fr/pro/rapports/trimestriel/rapport.xlsx?quarter=2099-Q1`);
		expect(refused.status()).toBe(400);
	});
});
