import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, signInWithSecondFactor } from './browser';

// Funding on the shared demo server, as the platform admin (admin@ is reserved for this suite):
// the rules page, a refused rule that keeps what was typed, an ILI's justification in French and
// Arabic, and its XLSX and CSV downloads.
const base = inject('baseURL');
const seraing = 'Maison des Langues de Seraing (fictive)';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let seraingId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	context = await browser.newContext({ locale: 'fr-BE', acceptDownloads: true });
	({ page } = await signInWithSecondFactor(context, base, 'admin@demo.passerelle.be'));
}, 120_000);
afterAll(async () => browser?.close());

describe('funding rules and an organisation’s justification', () => {
	it('lists the rules; a rule with an amount that is not one is refused next to the field, keeping what was typed', async () => {
		await page.goto(`${base}/fr/pro`);
		await page.getByRole('link', { name: 'Financement', exact: true }).click();
		await page.waitForURL(/\/fr\/pro\/financement$/);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Règles de financement');
		await expect(page.locator('table').first().textContent()).resolves.toContain('montant fictif de démo');
		await expectAccessible(page);

		await page.locator('input[name="funder"]').fill('wallonie-ili');
		await page.locator('input[name="label"]').fill('ILI — interculturalité (essai e2e)');
		await page.locator('select[name="axis"]').selectOption('interculturality');
		await page.locator('select[name="mode"]').selectOption('per_trainee_hour');
		await page.locator('input[name="amount"]').fill('douze euros');
		await page.locator('form[action="?/create"] button[type="submit"]').click();
		await page.locator('#f-amount-error').waitFor();
		expect(await page.locator('#f-amount-error').textContent()).toContain('Tapez un montant en euros');
		expect(await page.locator('input[name="label"]').inputValue()).toBe('ILI — interculturalité (essai e2e)');
		expect(await page.locator('input[name="amount"]').inputValue()).toBe('douze euros');
		expect(await page.locator('select[name="axis"]').inputValue()).toBe('interculturality');
		expect(await page.locator('input[name="amount"]').getAttribute('aria-invalid')).toBe('true');
		await expectAccessible(page);

		await page.locator('input[name="amount"]').fill('2,75');
		await page.locator('form[action="?/create"] button[type="submit"]').click();
		await page.getByText('La règle est ajoutée.').waitFor();
		expect(await page.locator('table').first().textContent()).toContain('ILI — interculturalité (essai e2e)');
	});

	it('shows an ILI’s justification for the current quarter, and its spreadsheet downloads', async () => {
		await page.goto(`${base}/fr/pro/financement/justification`);
		await expectAccessible(page);
		await page.locator('select[name="organisation"]').selectOption({ label: seraing });
		seraingId = await page.locator('select[name="organisation"]').inputValue();
		await page.getByRole('button', { name: 'Afficher' }).click();
		await page.waitForURL(/organisation=/);
		const courses = page.locator('section[aria-labelledby="per-course"] table');
		expect(await courses.textContent()).toContain('FLE A1 oral — cours du soir');
		expect(await courses.textContent()).toContain('ILI — FLE, par heure de cours donnée');
		await expectAccessible(page);

		const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href*="justification.xlsx"]').click()]);
		expect(download.suggestedFilename()).toMatch(/^financement-\d{4}-Q[1-4]\.xlsx$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['wallonie-ili', 'Par cours', 'Par stagiaire']);
		expect(workbook.getWorksheet('Par cours')!.getRow(1).getCell(8).value).toBe('Heures-stagiaires');

		const csv = await page.request.get(`${base}/fr/pro/financement/justification.csv?organisation=${seraingId}`);
		expect(csv.status()).toBe(200);
		const text = await csv.text();
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text).toContain('wallonie-ili;Total;');
	});

	it('the rules and the justification in Arabic, right to left', async () => {
		await page.goto(`${base}/ar/pro/financement`);
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('قواعد التمويل');
		await expectAccessible(page);
		await page.goto(`${base}/ar/pro/financement/justification?organisation=${seraingId}`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('تبرير التمويل');
		await expectAccessible(page);
	});
});
