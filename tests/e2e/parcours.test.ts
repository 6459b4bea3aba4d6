import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser } from './browser';
import { freePort, startServer, type RunningServer } from './server';

// A server of its own (demo data, own folder): the worker sets up a second factor here, which the
// shared server's other suites must not see on their demo accounts.
let browser: Browser;
let server: RunningServer;
let dataDir: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-parcours-'));
	const port = await freePort();
	server = await startServer({ PASSERELLE_DATA_DIR: dataDir, PORT: String(port), ORIGIN: `http://127.0.0.1:${port}`, DATABASE_URL: '' }, { fromDemoTemplate: true });
	// Without JavaScript: every form of the Parcours must work as plain HTML.
	context = await browser.newContext({ locale: 'fr-BE', javaScriptEnabled: false });
	page = await signInWithSecondFactor(context, 'ili.travailleur@demo.passerelle.be');
}, 180_000);

/** Signs a demo account in and sets up its second factor (case files and admin pages need one). */
async function signInWithSecondFactor(ctx: BrowserContext, email: string): Promise<Page> {
	const p = await ctx.newPage();
	await p.goto(`${server.url}/fr/pro/connexion`);
	await p.locator('input[name="email"]').fill(email);
	await p.locator('input[name="password"]').fill('passerelle-demo');
	await p.locator('main form button[type="submit"]').click();
	await p.waitForURL(/\/fr\/pro$/);
	await p.goto(`${server.url}/fr/pro/compte/securite`);
	await p.locator('form[action="?/start"] button').click();
	const secret = (await p.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
	await p.locator('input[name="code"]').fill(new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate());
	await p.locator('form[action="?/confirm"] button').click();
	await p.getByTestId('recovery-codes').waitFor();
	return p;
}

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * axe runs inside a page, and these pages have JavaScript off: the page as it is now (after a
 * refused post, say) is served again, byte for byte, to a page with JavaScript on, which loads
 * the same stylesheets from the server, and axe checks that one.
 */
async function accessible(p: Page) {
	const url = here(p);
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
/** The page's address without the action's query (`?/step`) a form post leaves in it. */
const here = (p: Page) => p.url().split('?')[0]!;
const fileLink = (name: string) => page.locator('table a', { hasText: name }).first();
const frenchStep = () => page.locator('section.parcours-step', { has: page.locator('#french-title') });
const submitFrench = (p: Page) => p.locator('form:has(input[name="step"][value="french"]) button[type="submit"]').click();

describe('the Parcours worklist', () => {
	it.each(['fr', 'ar'])('lists the overdue file first, the coming ones and the files without movement, accessible in %s', async (locale) => {
		await page.goto(`${server.url}/${locale}/pro/dossiers/echeances`);
		expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
		expect(await page.locator('section:has(#wl-overdue) tbody tr').count()).toBe(1);
		expect(await page.locator('section:has(#wl-overdue) tbody').textContent()).toContain('Yonas');
		expect(await page.locator('section:has(#wl-coming) tbody tr').count()).toBe(2);
		expect(await page.locator('section:has(#wl-idle) tbody').textContent()).toContain('Yonas');
		await accessible(page);
	});

	it('takes the number of days without movement from the address, and says when it is wrong', async () => {
		// Other demo files of the ILI (without a Parcours) are idle too: compare two thresholds.
		await page.goto(`${server.url}/fr/pro/dossiers/echeances?n=10`);
		const idleFor10Days = await page.locator('section:has(#wl-idle) tbody tr').count();
		expect(idleFor10Days).toBeGreaterThanOrEqual(2);
		await page.goto(`${server.url}/fr/pro/dossiers/echeances?n=3650`);
		expect(await page.locator('section:has(#wl-idle) tbody tr').count()).toBeLessThan(idleFor10Days);
		await page.goto(`${server.url}/fr/pro/dossiers/echeances?n=abc`);
		expect(await page.locator('#f-n-error').textContent()).toContain('entre 1 et 3650');
		expect(await page.locator('input[name="n"]').inputValue()).toBe('abc');
		await accessible(page);
	});
});

describe('the Parcours tab, without JavaScript', () => {
	it('saves the French step, refusing a wrong value next to its field and keeping what was typed', async () => {
		await page.goto(`${server.url}/fr/pro/dossiers/echeances`);
		await fileLink('Amal').click();
		await page.waitForURL(/\/pro\/dossiers\/[0-9a-f-]{36}\/parcours$/);
		await accessible(page);
		await frenchStep().locator('input[name="hoursDone"]').fill('beaucoup');
		await frenchStep().locator('input[name="operatorName"]').fill('Cours du soir');
		await submitFrench(page);
		expect(await page.locator('#french-hoursDone-error').textContent()).toContain('entre 0 et 2000');
		expect(await frenchStep().locator('input[name="operatorName"]').inputValue()).toBe('Cours du soir');
		expect(await frenchStep().locator('[role="alert"]').count()).toBe(1);
		await accessible(page);
		await frenchStep().locator('input[name="hoursDone"]').fill('200');
		await frenchStep().locator('input[name="operatorName"]').fill('');
		await submitFrench(page);
		await frenchStep().locator('.form-success').waitFor();
		expect(await frenchStep().textContent()).toContain('Heures suivies : 200 sur 400');
	});

	it('tells the second of two workers saving at once, keeps what they typed, and saves it when they confirm', async () => {
		const url = here(page);
		const other = await context.newPage();
		await other.goto(url);
		await page.goto(url);
		await frenchStep().locator('input[name="hoursDone"]').fill('210');
		await submitFrench(page);
		await frenchStep().locator('.form-success').waitFor();

		const otherFrench = other.locator('section.parcours-step', { has: other.locator('#french-title') });
		await otherFrench.locator('input[name="hoursDone"]').fill('224');
		await submitFrench(other);
		const alert = otherFrench.locator('.form-error[role="alert"]');
		await alert.waitFor();
		expect(await alert.textContent()).toContain('Quelqu’un a enregistré ce formulaire');
		expect(await alert.textContent()).toContain('210 sur 400');
		expect(await otherFrench.locator('input[name="hoursDone"]').inputValue()).toBe('224');
		await accessible(other);
		await submitFrench(other);
		await otherFrench.locator('.form-success').waitFor();
		expect(await otherFrench.textContent()).toContain('224 sur 400');
		await other.close();
	});

	it('refuses an exemption without a reason, in Arabic, accessible', async () => {
		await page.goto(here(page).replace('/fr/', '/ar/'));
		await accessible(page);
		await page.locator('input[name="obligation"][value="exempted"]').check();
		await page.locator('form[action="?/obligation"] button[type="submit"]').click();
		expect(await page.locator('#reasons-error').textContent()).toContain('اختر سببًا واحدًا على الأقل للاستثناء');
		expect(await page.locator('input[name="obligation"][value="exempted"]').isChecked()).toBe(true);
		await accessible(page);
		await page.locator('input[name="reasons"][value="resident_3_years"]').check();
		await page.locator('form[action="?/obligation"] button[type="submit"]').click();
		await page.locator('section[aria-labelledby="obligation-title"] .form-success').waitFor();
		expect(await page.locator('.deadline').textContent()).toContain('لا يوجد موعد نهائي');
	});
});

describe('the attestation de fréquentation', () => {
	const pdfText = (pdf: Buffer) => {
		const file = path.join(dataDir, `attestation-${Date.now()}.pdf`);
		writeFileSync(file, pdf);
		return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	};

	it('prints in French, and in the language chosen, once the module d’accueil is done', async () => {
		await page.goto(`${server.url}/fr/pro/dossiers/echeances`);
		await fileLink('Oksana').click();
		await page.waitForURL(/\/parcours$/);
		expect(await page.locator('select[name="lang"]').inputValue()).toBe('uk');
		const base = `${here(page)}/attestation.pdf`;
		const fr = await page.request.get(base);
		expect(fr.headers()['content-type']).toBe('application/pdf');
		const text = pdfText(await fr.body()).replace(/\s+/g, ' ');
		for (const piece of ['CRIPEL asbl', 'Attestation de fréquentation', 'Oksana Melnyk (fictive)', 'Formation en français', 'Signature et cachet']) expect(text).toContain(piece);
		const uk = pdfText(await (await page.request.get(`${base}?lang=uk`)).body());
		expect(uk).toContain('Довідка про відвідування');
	});

	it('is refused clearly while the module d’accueil is not done', async () => {
		await page.goto(`${server.url}/fr/pro/dossiers/echeances`);
		await fileLink('Yonas').click();
		await page.waitForURL(/\/parcours$/);
		// A step other than the current one is folded: unfold it.
		await page.locator('section.parcours-step', { has: page.locator('#welcome-title') }).locator('summary').click();
		const welcome = page.locator('form:has(input[name="step"][value="welcome"])');
		await welcome.locator('select[name="status"]').selectOption('in_progress');
		await welcome.locator('button[type="submit"]').click();
		await page.locator('section.parcours-step', { has: page.locator('#welcome-title') }).locator('.form-success').waitFor();
		expect(await page.locator('select[name="lang"]').count()).toBe(0);
		const refused = await page.request.get(`${here(page)}/attestation.pdf`);
		expect(refused.status()).toBe(409);
		expect(await refused.text()).toContain('le module d’accueil sera terminé');
	});
});

describe('the reasons of exemption and dispensation', () => {
	it('a platform admin adds one with its French label, and workers can tick it', async () => {
		const adminContext = await browser.newContext({ locale: 'fr-BE', javaScriptEnabled: false });
		const admin = await signInWithSecondFactor(adminContext, 'admin@demo.passerelle.be');
		await admin.goto(`${server.url}/fr/pro/admin/parcours`);
		await accessible(admin);
		const create = admin.locator('form[action="?/create"]');
		await create.locator('select[name="kind"]').selectOption('dispensation');
		await create.locator('summary').click();
		await create.locator('input[name="label_nl"]').fill('Hervestigde vluchteling');
		await create.locator('button[type="submit"]').click();
		// The French label is required; the Dutch one typed is kept.
		expect(await admin.locator('#new-label_fr-error').count()).toBe(1);
		expect(await admin.locator('form[action="?/create"] input[name="label_nl"]').inputValue()).toBe('Hervestigde vluchteling');
		expect(await admin.locator('form[action="?/create"] select[name="kind"]').inputValue()).toBe('dispensation');
		await accessible(admin);
		await admin.locator('form[action="?/create"] input[name="label_fr"]').fill('Réfugié réinstallé');
		await admin.locator('form[action="?/create"] button[type="submit"]').click();
		await admin.locator('.form-success').waitFor();
		await adminContext.close();

		await page.goto(`${server.url}/nl/pro/dossiers/echeances`);
		await fileLink('Oksana').click();
		await page.waitForURL(/\/parcours$/);
		expect(await page.locator('label:has(input[name="reasons"][value="refugie_reinstalle"])').textContent()).toContain('Hervestigde vluchteling');
	});
});
