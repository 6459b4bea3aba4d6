import AxeBuilder from '@axe-core/playwright';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
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

/** Fails with the list of WCAG 2.1 A/AA violations axe finds on the page as it is now (or within `only`, a CSS selector). */
export async function expectAccessible(page: Page, only?: string): Promise<void> {
	// Legacy mode runs axe in the page itself. The default mode also opens a blank page, injects axe
	// there again and finishes the run in it; that is only needed for cross-origin frames, which our
	// pages have none of. It halved the time of every check (~2.5 s -> ~1.2 s).
	const builder = new AxeBuilder({ page }).setLegacyMode().withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
	const results = await (only ? builder.include(only) : builder).analyze();
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

/**
 * Signs a demo account in and sets up its second factor (case files, waiting lists, registers and
 * reports need one); returns the page, signed in with the factor passed, and the TOTP secret.
 *
 * The set-up changes the account for every later sign-in on that server: on the shared server,
 * only call it with an account no other suite signs in with. Accounts reserved this way:
 * ili.coordination@ (courses: demand), herstal@ (courses: registers), cri.admin@ (courses: report),
 * admin@ (courses: funding). Suites with a server of their own may use any account.
 */
export async function signInWithSecondFactor(ctx: BrowserContext, base: string, email: string, locale = 'fr'): Promise<{ page: Page; secret: string }> {
	const p = await ctx.newPage();
	await p.goto(`${base}/${locale}/pro/connexion`);
	await p.locator('input[name="email"]').fill(email);
	await p.locator('input[name="password"]').fill('passerelle-demo');
	await p.locator('main form button[type="submit"]').click();
	await p.waitForURL(new RegExp(`/${locale}/pro$`));
	await p.goto(`${base}/${locale}/pro/compte/securite`);
	await p.locator('form[action="?/start"] button').click();
	const secret = (await p.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
	await p.locator('input[name="code"]').fill(new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate());
	await p.locator('form[action="?/confirm"] button').click();
	await p.getByTestId('recovery-codes').waitFor();
	return { page: p, secret };
}
