import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsDemoFiles } from '../../src/lib/server/cases/rights/rights.demo';
import { expectAccessible, launchBrowser, signInDemo } from './browser';
import { root, startServer, type RunningServer } from './server';

// The rights of the person in a real browser, on a demo instance of its own (the second factor
// set up here must not change the demo accounts other suites sign in with).
let browser: Browser;
let server: RunningServer;
let admin: Page;
const catalogue = (l: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
const fr = catalogue('fr');

/** Sets up a TOTP second factor for the signed-in account, as a person would with an app. */
async function setUpSecondFactor(page: Page, base: string) {
	await page.goto(`${base}/fr/pro/compte/securite`);
	await page.locator('form[action="?/start"] button').click();
	const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
	const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
	await page.locator('input[name="code"]').fill(totp.generate());
	await page.locator('form[action="?/confirm"] button').click();
	await page.getByTestId('recovery-codes').waitFor();
}

beforeAll(async () => {
	browser = await launchBrowser();
	server = await startServer({ PASSERELLE_DEMO: '1' }, { fromDemoTemplate: true });
	admin = await signInDemo(browser, server.url, 'ili.admin@demo.passerelle.be');
	await setUpSecondFactor(admin, server.url);
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('who accessed a file, and the person’s rights', () => {
	it.each(['fr', 'ar'])('shows who accessed the file, including the partner organisation through its grant, in %s (axe clean)', async (locale) => {
		await admin.goto(`${server.url}/${locale}/pro/dossiers/${rightsDemoFiles.followed}/acces`);
		const table = admin.locator('main table');
		await expect.poll(() => table.textContent()).toContain('Hanna Herstal');
		expect(await table.textContent()).toContain('Espace Rencontres Herstal (fictif)');
		// The first line is this very reading, by the admin, for checking the accesses.
		expect(await table.locator('tbody tr').first().textContent()).toContain(catalogue(locale)['pro.cases.access.purpose.access-log']);
		await expectAccessible(admin);
	});

	it('prints the statement for the person and the export in their language', async () => {
		const statement = await admin.request.get(`${server.url}/fr/pro/dossiers/${rightsDemoFiles.followed}/acces/releve.pdf?lang=ti`);
		expect(statement.status()).toBe(200);
		expect(statement.headers()['content-type']).toBe('application/pdf');
		expect((await statement.body()).subarray(0, 5).toString()).toBe('%PDF-');
		const json = await admin.request.get(`${server.url}/fr/pro/dossiers/${rightsDemoFiles.followed}/droits/export.json`);
		// No language asked: the person's first preferred language that is a UI one (Tigrinya).
		expect(await json.json()).toMatchObject({ language: 'ti', parts: { identity: { data: { firstName: 'Amanuel' } } } });
	});

	it.each(['fr', 'ar'])('shows the rights tab in %s (axe clean)', async (locale) => {
		await admin.goto(`${server.url}/${locale}/pro/dossiers/${rightsDemoFiles.followed}/droits`);
		await expect.poll(() => admin.locator('h1').textContent()).toContain(catalogue(locale)['pro.cases.tab.rights']!);
		expect(await admin.locator('select[name="lang"]').inputValue()).toBe('ti');
		await expectAccessible(admin);
		// The refused confirmation: the error next to the field, in the page's language, still accessible.
		await admin.locator('input[name="reference"]').fill('nope');
		await admin.locator('form[action="?/anonymise"] button').click();
		await expect.poll(() => admin.locator('#f-reference-error').textContent()).toBe(catalogue(locale)['pro.cases.rights.erase.errors.reference']);
		await expectAccessible(admin);
	});

	it('anonymises a demo file through the form without JavaScript, after the reference is typed', async () => {
		// (axe needs JavaScript: the pages checked above are the same markup, they ship no script.)
		const context = await browser.newContext({ javaScriptEnabled: false, locale: 'fr-BE', storageState: await admin.context().storageState() });
		const page = await context.newPage();
		page.setDefaultTimeout(15_000);
		const url = `${server.url}/fr/pro/dossiers/${rightsDemoFiles.closedRecently}/droits`;
		await page.goto(url);
		expect(await page.locator('h1').textContent()).toContain('Rahim');

		// A wrong reference: refused next to the field, what was typed kept.
		await page.locator('input[name="reference"]').fill('12345678');
		await page.locator('form[action="?/anonymise"] button').click();
		await page.waitForLoadState();
		expect(await page.locator('#f-reference-error').textContent()).toBe(fr['pro.cases.rights.erase.errors.reference']);
		expect(await page.locator('input[name="reference"]').inputValue()).toBe('12345678');

		await page.locator('input[name="reference"]').fill(`#${rightsDemoFiles.closedRecently.slice(0, 8).toUpperCase()}`);
		await page.locator('form[action="?/anonymise"] button').click();
		await page.waitForURL(/droits\?done=anonymised$/);
		expect(await page.locator('[role="status"]').textContent()).toBe(fr['pro.cases.rights.erase.done']);
		expect(await page.locator('h1').textContent()).toContain('Anonyme');
		expect(await page.locator('h1').textContent()).not.toContain('Rahim');
		expect(await page.locator('main').textContent()).toContain(fr['pro.cases.status.anonymised']);
		expect(await page.locator('form[action="?/anonymise"]').count()).toBe(0);

		// The erasure is in the file's access log, and the export holds nothing of the person any more.
		await page.goto(`${server.url}/fr/pro/dossiers/${rightsDemoFiles.closedRecently}/acces`);
		expect(await page.locator('main table').textContent()).toContain(fr['pro.cases.timeline.case_file.anonymised']);
		const exported = await (await page.request.get(`${server.url}/fr/pro/dossiers/${rightsDemoFiles.closedRecently}/droits/export.json`)).text();
		expect(exported).not.toContain('Rahim');
		await context.close();
	});
});
