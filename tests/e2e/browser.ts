import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-BE', ...options });
	return context.newPage();
}

/** Fails with the list of WCAG 2.1 A/AA violations axe finds on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const summary = results.violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
	}));
	expect(summary, `axe on ${page.url()}`).toEqual([]);
}

/** A new page signed in to the pro space with a demo account (password `passerelle-demo`, no second factor). */
export async function signInDemo(browser: Browser, base: string, email: string, locale = 'fr'): Promise<Page> {
	const page = await newPage(browser);
	await page.goto(`${base}/${locale}/pro/connexion`);
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill('passerelle-demo');
	await page.locator('main form button[type="submit"]').click();
	await page.waitForURL(new RegExp(`/${locale}/pro$`));
	return page;
}
