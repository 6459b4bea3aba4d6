import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, signInDemo } from './browser';

const base = inject('baseURL');
let browser: Browser;
const dir = mkdtempSync(path.join(tmpdir(), 'import-e2e-'));

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	rmSync(dir, { recursive: true, force: true });
});

const signIn = (email: string, locale = 'fr'): Promise<Page> => signInDemo(browser, base, email, locale);

/** Splits our own CSV export (`;`, quotes doubled) into cells. */
const cells = (line: string) => (line.match(/("([^"]|"")*"|[^;]*)(;|$)/g) ?? []).slice(0, -1).map((c) => c.replace(/;$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
const line = (values: string[]) => values.map((v) => (/[;"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(';');

describe('importing services from a spreadsheet (demo accounts)', () => {
	it('an organisation exports its services, changes one and adds one, and walks upload → mapping → dry run → import', async () => {
		const page = await signIn('ili.admin@demo.passerelle.be', 'fr');
		await page.goto(`${base}/fr/pro/import`);
		await expectAccessible(page);
		const orgId = await page.locator('#f-scope').inputValue();
		const exported = await page.request.get(`${base}/fr/pro/organisations/${orgId}/services/export.csv`);
		expect(exported.headers()['content-type']).toContain('text/csv');
		const text = (await exported.text()).replace(/^\uFEFF/, '');
		const [header, first, ...rest] = text.trimEnd().split('\r\n');
		const h = cells(header!);
		const changed = cells(first!);
		changed[h.indexOf('Téléphone')] = '04 111 22 33';
		const added = [...changed];
		added[h.indexOf('id')] = '';
		added[h.indexOf('Nom du service')] = 'Permanence sociale du jeudi soir';
		// The user's own header for the name: the mapping step must be used for it.
		const fileHeader = h.map((x) => (x === 'Nom du service' ? 'Intitulé de l’activité' : x));
		const file = path.join(dir, 'services.csv');
		writeFileSync(file, `\uFEFF${[line(fileHeader), line(changed), ...rest, line(added)].join('\r\n')}\r\n`);

		await page.locator('#f-file').setInputFiles(file);
		await page.locator('form[action="?/upload"] button[type="submit"]').click();
		await page.waitForURL(/\/fr\/pro\/import\/[\w-]+$/);
		const nameSelect = page.locator('tr', { hasText: 'Intitulé de l’activité' }).locator('select');
		expect(await nameSelect.inputValue()).toBe('');
		await expectAccessible(page);
		// Without the name column the check is refused, saying which column is missing.
		await page.locator('form[action="?/map"] button[type="submit"]').click();
		expect(await page.locator('#mapping-errors').textContent()).toContain('Nom du service');
		await page.locator('tr', { hasText: 'Intitulé de l’activité' }).locator('select').selectOption('name');
		await page.locator('form[action="?/map"] button[type="submit"]').click();

		const summary = page.locator('table.import-summary');
		await summary.waitFor();
		expect(await summary.locator('tr', { hasText: 'Nouveaux services' }).locator('td').textContent()).toBe('1');
		expect(await summary.locator('tr', { hasText: 'Services modifiés' }).locator('td').textContent()).toBe('1');
		expect(await page.locator('table.import-changed').textContent()).toContain('Téléphone');
		await expectAccessible(page);
		await page.locator('form[action="?/apply"] button[type="submit"]').click();
		await page.locator('.form-success').waitFor({ timeout: 30_000 });
		expect(await page.locator('main').textContent()).toContain('Import terminé');

		// Exported again: the new service is there, and an import of that file would change nothing.
		const again = await (await page.request.get(`${base}/fr/pro/organisations/${orgId}/services/export.csv`)).text();
		expect(again).toContain('Permanence sociale du jeudi soir');
		expect(again).toContain('04 111 22 33');
		await page.context().close();
	});

	it('a broken file is refused row by row in Arabic, and nothing is imported', async () => {
		const page = await signIn('ili.admin@demo.passerelle.be', 'ar');
		await page.goto(`${base}/ar/pro/import`);
		const file = path.join(dir, 'broken.csv');
		writeFileSync(file, 'Nom du service;Besoins;Rue et numéro;Code postal;Commune;Lundi\r\nCours du soir;fle;Rue Haute 1;4100;Atlantis;le matin\r\n');
		await page.locator('#f-file').setInputFiles(file);
		await page.locator('form[action="?/upload"] button[type="submit"]').click();
		await page.waitForURL(/\/ar\/pro\/import\/[\w-]+$/);
		await expectAccessible(page);
		await page.locator('form[action="?/map"] button[type="submit"]').click();
		const problems = page.locator('table.import-problems');
		await problems.waitFor();
		const rows = await problems.locator('tbody tr').allTextContents();
		expect(rows).toHaveLength(2);
		expect(rows.join(' ')).toContain('Atlantis');
		expect(rows.join(' ')).toContain('بلدية غير معروفة');
		expect(await page.locator('form[action="?/apply"]').count()).toBe(0);
		await expectAccessible(page);

		// A Latin-1 file is refused on the upload page with the advice to save as CSV UTF-8.
		await page.goto(`${base}/ar/pro/import`);
		const latin1 = path.join(dir, 'latin1.csv');
		writeFileSync(latin1, Buffer.from('Nom du service;Commune\r\nCaf\xe9;Li\xe8ge\r\n', 'latin1'));
		await page.locator('#f-file').setInputFiles(latin1);
		await page.locator('form[action="?/upload"] button[type="submit"]').click();
		expect(await page.locator('#f-file-error').textContent()).toContain('UTF-8');
		expect(await page.locator('#f-file').getAttribute('aria-describedby')).toContain('f-file-error');
		await expectAccessible(page);
		await page.context().close();
	});
});
