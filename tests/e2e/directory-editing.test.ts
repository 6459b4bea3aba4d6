import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './browser';

const base = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function signIn(email: string, locale: string): Promise<Page> {
	const page = await newPage(browser);
	await page.goto(`${base}/${locale}/pro/connexion`);
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill('passerelle-demo');
	await page.locator('main form button[type="submit"]').click();
	await page.waitForURL(new RegExp(`/${locale}/pro$`));
	return page;
}

describe('editing a service and publishing it (demo accounts)', () => {
	it('an ILI worker’s change stays invisible until a directory editor publishes it', async () => {
		const worker = await signIn('ili.travailleur@demo.passerelle.be', 'fr');
		await worker.locator('.cards a').first().click();
		await worker.locator('a[href$="/services"]').click();
		await worker.locator('table a').first().click();
		await worker.waitForURL(/\/fr\/pro\/services\/[0-9a-f-]{36}$/);
		const serviceId = worker.url().split('/').pop()!;
		const publicName = await worker.locator('input[name="name"]').inputValue();

		// A mistake is refused field by field; what was typed stays.
		await worker.locator('input[name="name"]').fill('Cours de français — horaire d’hiver');
		await worker.locator('input[name="hours1"]').fill('le matin');
		await worker.locator('form[action="?/save"] button[type="submit"]').click();
		expect(await worker.locator('#f-hours1-error').count()).toBe(1);
		expect(await worker.locator('input[name="name"]').inputValue()).toBe('Cours de français — horaire d’hiver');
		await expectAccessible(worker);
		await worker.locator('input[name="hours1"]').fill('9:00-12:00');
		await worker.locator('form[action="?/save"] button[type="submit"]').click();
		await worker.locator('.form-success').waitFor();
		await worker.locator('form[action="?/submit"] button').click();
		await worker.locator('.form-success').waitFor();

		// The public still sees the published name.
		const before = await (await fetch(`${base}/fr/annuaire/${serviceId}`)).text();
		expect(before).toContain(publicName.replace(/’/g, '’'));
		expect(before).not.toContain('horaire d’hiver');

		// The directory editor reviews the difference and publishes.
		const editor = await signIn('editeur@demo.passerelle.be', 'fr');
		await editor.goto(`${base}/fr/pro/moderation`);
		await editor.locator(`a[href$="/moderation/${serviceId}"]`).click();
		expect(await editor.locator('tr.changed').count()).toBeGreaterThanOrEqual(2);
		await expectAccessible(editor);
		await editor.locator('button[formaction="?/publish"]').click();
		await editor.waitForURL(/moderation\?published=1/);

		await new Promise((r) => setTimeout(r, 1100));
		const after = await (await fetch(`${base}/fr/annuaire/${serviceId}`)).text();
		expect(after).toContain('horaire d’hiver');
		await worker.goto(`${base}/fr/pro/services/${serviceId}`);
		const history = await worker.locator('.history').textContent();
		expect(history).toContain('Eric Éditeur');
		expect(history).toContain('Sofia Travailleuse');
		await worker.context().close();
		await editor.context().close();
	});

	it('the edit form and the review page pass axe in Arabic', async () => {
		const worker = await signIn('ili.admin@demo.passerelle.be', 'ar');
		await worker.locator('.cards a').first().click();
		await worker.locator('a[href$="/services"]').click();
		await expectAccessible(worker);
		await worker.locator('table a').first().click();
		expect(await worker.locator('html').getAttribute('dir')).toBe('rtl');
		await expectAccessible(worker);
		const editor = await signIn('editeur@demo.passerelle.be', 'ar');
		await editor.goto(`${base}/ar/pro/moderation`);
		await expectAccessible(editor);
		await worker.context().close();
		await editor.context().close();
	});
});
