import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, signInDemo } from './browser';

const base = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const signIn = (email: string, locale = 'fr'): Promise<Page> => signInDemo(browser, base, email, locale);

/** Opens the translations of the ILI's last service (the editing suite works on the first one). */
async function openTranslations(page: Page, locale: string): Promise<string> {
	await page.locator('.cards a').first().click();
	await page.locator('a[href$="/services"]').click();
	await page.locator('table a').last().click();
	await page.waitForURL(new RegExp(`/${locale}/pro/services/[0-9a-f-]{36}$`));
	const id = page.url().split('/').pop()!;
	await page.locator(`a[href$="/services/${id}/traductions"]`).click();
	await page.waitForURL(/\/traductions$/);
	return id;
}

describe('reviewing the translations of a service (demo accounts)', () => {
	it('a member corrects the English name; a too long text is refused next to its field with everything typed kept; once published the public reads it', async () => {
		const worker = await signIn('ili.travailleur@demo.passerelle.be', 'fr');
		const id = await openTranslations(worker, 'fr');
		const enName = worker.locator(`textarea[name="en.service.${id}.name"]`);
		const enDescription = worker.locator(`textarea[name="en.service.${id}.description"]`);
		expect(await enName.getAttribute('lang')).toBe('en');
		expect(await worker.locator(`textarea[name="ar.service.${id}.name"]`).getAttribute('dir')).toBe('rtl');
		// Tigrinya has no text in the demo: shown as missing.
		const tiStatus = await worker.locator(`textarea[name="ti.service.${id}.name"]`).getAttribute('aria-describedby');
		expect(await worker.locator(`#${tiStatus!.split(' ')[0]}`).textContent()).toBe('Manquante');

		await enName.fill('Evening French classes in Seraing');
		// The browser stops at maxlength; the server must refuse a longer text on its own.
		await enDescription.evaluate((el) => el.removeAttribute('maxlength'));
		await enDescription.fill('x'.repeat(3001));
		await worker.locator('form[action="?/save"] > button[type="submit"]').click();
		await worker.locator('.form-error').waitFor();
		const descriptionId = await enDescription.getAttribute('id');
		expect(await worker.locator(`#${descriptionId}-error`).textContent()).toBeTruthy();
		expect(await enDescription.getAttribute('aria-describedby')).toContain(`${descriptionId}-error`);
		expect(await enName.inputValue()).toBe('Evening French classes in Seraing');
		await expectAccessible(worker);

		await enDescription.fill('French classes for adults, levels A1 to B1.');
		await worker.locator('form[action="?/save"] > button[type="submit"]').click();
		await worker.locator('.form-success').waitFor();
		const nameStatus = (await enName.getAttribute('aria-describedby'))!.split(' ')[0];
		expect(await worker.locator(`#${nameStatus}`).textContent()).toBe('Relue');
		expect(await enName.inputValue()).toBe('Evening French classes in Seraing');

		// The service is a draft again, and its history says why.
		await worker.goto(`${base}/fr/pro/services/${id}`);
		expect(await worker.locator('.notice').first().textContent()).toContain('Brouillon');
		expect(await worker.locator('.history').textContent()).toContain('traductions modifiées');
		expect(await (await fetch(`${base}/en/annuaire/${id}`)).text()).not.toContain('Evening French classes in Seraing');

		// A directory editor publishes it: the English page shows the reviewed name.
		const editor = await signIn('editeur@demo.passerelle.be', 'fr');
		await editor.goto(`${base}/fr/pro/services/${id}/traductions`);
		await editor.locator(`a[href$="/moderation/${id}"]`).click();
		await editor.locator('button[formaction="?/publish"]').click();
		await editor.waitForURL(/moderation\?published=1/);
		await new Promise((r) => setTimeout(r, 1100));
		expect(await (await fetch(`${base}/en/annuaire/${id}`)).text()).toContain('Evening French classes in Seraing');
		await worker.context().close();
		await editor.context().close();
	});

	it('the review screen passes axe in Arabic, and a reader sees it without being able to change it', async () => {
		const admin = await signIn('ili.admin@demo.passerelle.be', 'ar');
		await openTranslations(admin, 'ar');
		expect(await admin.locator('html').getAttribute('dir')).toBe('rtl');
		await expectAccessible(admin);
		await admin.context().close();

		const reader = await signIn('ili.lecteur@demo.passerelle.be', 'fr');
		await openTranslations(reader, 'fr');
		expect(await reader.locator('form[action="?/save"] > button[type="submit"]').count()).toBe(0);
		expect(await reader.locator('textarea').first().isDisabled()).toBe(true);
		await reader.context().close();
	});
});
