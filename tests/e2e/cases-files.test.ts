import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';

// Case files as a worker of the Maison des Langues de Seraing uses them, in a browser without
// JavaScript. Its own demo server: setting up the worker's second factor must not change the
// demo accounts other suites sign in with.
let browser: Browser;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let checker: Page;
let fileId = '';

/**
 * axe runs as a script, which this context does not allow: the HTML the browser without
 * JavaScript shows is checked in a page that may run scripts, at the same address (same session).
 */
async function checkAccessible(p: Page): Promise<void> {
	const html = await p.content();
	await checker.goto(p.url().split('?')[0]!);
	await checker.setContent(html, { waitUntil: 'load' });
	await expectAccessible(checker);
}

async function signInWithSecondFactor(): Promise<void> {
	context = await browser.newContext({ locale: 'fr-BE', javaScriptEnabled: false });
	page = await context.newPage();
	await page.goto(`${server.url}/fr/pro/connexion`);
	await page.locator('input[name="email"]').fill('ili.travailleur@demo.passerelle.be');
	await page.locator('input[name="password"]').fill('passerelle-demo');
	await page.locator('main form button[type="submit"]').click();
	await page.waitForURL(/\/fr\/pro$/);
	// Case files need a second factor: the worker is sent to set it up first.
	await page.goto(`${server.url}/fr/pro/dossiers`);
	await page.waitForURL(/compte\/securite/);
	await page.locator('form[action="?/start"] button').click();
	const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
	const code = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
	await page.locator('input[name="code"]').fill(code);
	await page.locator('form[action="?/confirm"] button').click();
	await page.getByTestId('recovery-codes').waitFor();
	await page.locator('.notice a.button').click();
	const scripts = await browser.newContext({ locale: 'fr-BE' });
	await scripts.addCookies(await context.cookies());
	checker = await scripts.newPage();
}

beforeAll(async () => {
	browser = await launchBrowser();
	server = await startServer({ PASSERELLE_DEMO: '1' }, { fromDemoTemplate: true });
	await signInWithSecondFactor();
}, 300_000);

afterAll(async () => {
	await checker?.context().close();
	await context?.close();
	await browser?.close();
	await server?.stop();
});

// Generous limits: a second server and axe on every page take their time on a busy machine (no timing is asserted).
describe('case files, without JavaScript', { timeout: 240_000 }, () => {
	it('lists the organisation’s files and the one shared with it, with filters that work as links', async () => {
		await page.goto(`${server.url}/fr/pro/dossiers`);
		const table = page.locator('table');
		await expect.poll(() => table.textContent()).toContain('Amal Benyahia');
		expect(await table.textContent()).toContain('Grace Mbuyi');
		expect(await table.textContent()).toContain('Partagé par Espace Rencontres Herstal');
		await checkAccessible(page);
		// A name typed with a spelling mistake still finds both close names.
		await page.locator('input[name="q"]').fill('rahimi');
		await page.locator('form[role="search"] button').click();
		await page.waitForURL(/q=rahimi/);
		const names = await page.locator('tbody th a').allTextContents();
		expect(names.sort()).toEqual(['Ahmad Rahimi', 'Ahmed Rahimy']);
		await page.locator('select[name="organisation"]').selectOption('shared');
		await page.locator('input[name="q"]').fill('');
		await page.locator('form[role="search"] button').click();
		await page.waitForURL(/organisation=shared/);
		expect(await page.locator('tbody th a').allTextContents()).toEqual(['Grace Mbuyi']);
	});

	it('suggests a possible duplicate before opening a file, keeps what was typed, and opens it on confirmation', async () => {
		await page.goto(`${server.url}/fr/pro/dossiers/nouveau`);
		await checkAccessible(page);
		await page.locator('input[name="firstName"]').fill('Ahmad');
		await page.locator('input[name="lastName"]').fill('Rahimi');
		await page.locator('input[name="birthYear"]').fill('1988');
		await page.locator('input[name="preferredLanguages"][value="fa"]').check();
		await page.locator('select[name="nisCode"]').selectOption('62096');
		// A date that contradicts the year is refused next to its field, nothing lost.
		await page.locator('input[name="birthDate"]').fill('1990-02-03');
		await page.locator('form[action="?/create"] button[type="submit"]').click();
		await page.locator('#f-birthYear-error').waitFor();
		expect(await page.locator('.form-error').textContent()).toContain('Le formulaire contient des erreurs');
		expect(await page.locator('input[name="lastName"]').inputValue()).toBe('Rahimi');
		await page.locator('input[name="birthDate"]').fill('');
		await page.locator('form[action="?/create"] button[type="submit"]').click();
		const suggestion = page.locator('section.duplicates');
		await suggestion.waitFor();
		expect(await suggestion.locator('a').allTextContents()).toContain('Ahmad Rahimi');
		expect(await page.locator('input[name="firstName"]').inputValue()).toBe('Ahmad');
		expect(await page.locator('input[name="preferredLanguages"][value="fa"]').isChecked()).toBe(true);
		await checkAccessible(page);
		await page.locator('button[name="createAnyway"]').click();
		await page.waitForURL(/\/fr\/pro\/dossiers\/[0-9a-f-]{36}\?created=1$/);
		fileId = /dossiers\/([0-9a-f-]{36})/.exec(page.url())![1]!;
		expect(await page.locator('h1').textContent()).toContain('Ahmad Rahimi');
		expect(await page.locator('.timeline').textContent()).toContain('Dossier ouvert');
		await checkAccessible(page);
	});

	it('corrects the identity; a save made meanwhile by someone else is shown and nothing typed is lost', async () => {
		const url = `${server.url}/fr/pro/dossiers/${fileId}/identite`;
		const other = await context.newPage();
		await page.goto(url);
		await other.goto(url);
		await checkAccessible(page);
		// The other tab saves first.
		await other.locator('input[name="lastName"]').fill('Rahimi-Karimi');
		await other.locator('form[action="?/save"] button[type="submit"]').click();
		await other.getByText('L’identité est enregistrée.').waitFor();
		// This one saves from the older version: refused, with what changed and what was typed.
		await page.locator('input[name="phone"]').fill('0470 11 22 33');
		await page.locator('form[action="?/save"] button[type="submit"]').click();
		const conflict = page.locator('section.conflict');
		await conflict.waitFor();
		expect(await conflict.textContent()).toContain('Quelqu’un a enregistré ce dossier pendant que vous le modifiiez');
		expect(await conflict.locator('table').textContent()).toContain('Rahimi-Karimi');
		expect(await page.locator('input[name="phone"]').inputValue()).toBe('0470 11 22 33');
		expect(await page.locator('input[name="lastName"]').inputValue()).toBe('Rahimi-Karimi');
		await checkAccessible(page);
		await page.locator('form[action="?/save"] button[type="submit"]').click();
		await page.getByText('L’identité est enregistrée.').waitFor();
		await page.goto(`${server.url}/fr/pro/dossiers/${fileId}`);
		const timeline = await page.locator('.timeline').textContent();
		expect(timeline).toContain('Identité modifiée (Téléphone)');
		expect(timeline).toContain('Identité modifiée (Nom)');
		await other.close();
	});

	it('closes the file (read-only), then reopens it', async () => {
		await page.goto(`${server.url}/fr/pro/dossiers/${fileId}`);
		await page.locator('form[action="?/close"] input[name="confirm"]').check();
		await page.locator('form[action="?/close"] button').click();
		await page.getByText('Le dossier est clôturé.').waitFor();
		await page.goto(`${server.url}/fr/pro/dossiers/${fileId}/identite`);
		expect(await page.locator('form[action="?/save"]').count()).toBe(0);
		expect(await page.textContent('main')).toContain('Ce dossier est clôturé');
		await page.goto(`${server.url}/fr/pro/dossiers/${fileId}`);
		await page.locator('form[action="?/reopen"] button').click();
		await page.getByText('Le dossier est rouvert.').waitFor();
		expect(await page.locator('.timeline').textContent()).toContain('Dossier rouvert');
	});

	it('is accessible in Arabic, right to left', async () => {
		for (const path of ['/ar/pro/dossiers', '/ar/pro/dossiers/nouveau', `/ar/pro/dossiers/${fileId}`, `/ar/pro/dossiers/${fileId}/identite`]) {
			await page.goto(`${server.url}${path}`);
			expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
			await checkAccessible(page);
		}
		expect(await page.locator('h1').textContent()).toContain('الهوية');
	});
});
