import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, signInWithSecondFactor } from './browser';

// The register of a course session on a tablet, without JavaScript, on the shared server: the
// Herstal admin (herstal@, reserved for this suite; Arabic UI) records a past session of the A1
// class with one mistake, corrects it, saves twice (counted once), locks it, and prints an
// attestation. axe checks the register in French and Arabic.
const base = inject('baseURL');
const work = mkdtempSync(path.join(tmpdir(), 'courses-register-e2e-'));
const tablet = { width: 800, height: 1280 };
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** /{lang}/pro/cours/{id}/seances/{sid} without the language. */
let register = '';
let courseId = '';

beforeAll(async () => {
	browser = await launchBrowser();
	context = await browser.newContext({ locale: 'fr-BE', javaScriptEnabled: false, viewport: tablet, hasTouch: true });
	({ page } = await signInWithSecondFactor(context, base, 'herstal@demo.passerelle.be', 'ar'));
	// The A1 class of Herstal, from the list of courses; its sessions, from the course's sessions tab.
	await page.goto(`${base}/fr/pro/cours`);
	const href = await page.locator('main a', { hasText: 'FLE A1 — Herstal' }).first().getAttribute('href');
	courseId = /\/pro\/cours\/([0-9a-f-]{36})/.exec(href!)![1]!;
	await page.goto(`${base}/fr/pro/cours/${courseId}/seances`);
	const sessions = [...new Set((await page.locator('main a[href*="/seances/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).map((h) => /\/seances\/([0-9a-f-]{36})/.exec(h)?.[1]).filter(Boolean))] as string[];
	// The most recent past session whose register is still open (the demo locks older ones).
	for (const sid of sessions.reverse()) {
		await page.goto(`${base}/fr/pro/cours/${courseId}/seances/${sid}`);
		if (await page.locator('form[action="?/save"]').count()) {
			register = `/pro/cours/${courseId}/seances/${sid}`;
			break;
		}
	}
	expect(register, 'an open register of a past session').not.toBe('');
}, 180_000);
afterAll(async () => browser?.close());

/** axe on the page as it is (JavaScript off here): served again, byte for byte, to a page with JavaScript. */
async function accessible(p: Page) {
	const url = p.url().split('?')[0]!;
	const html = await p.content();
	const checker = await (await browser.newContext({ locale: 'fr-BE', viewport: tablet })).newPage();
	try {
		await checker.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
		await checker.goto(url);
		await expectAccessible(checker);
	} finally {
		await checker.context().close();
	}
}

const rows = () => page.locator('fieldset.register-row');
const row = (i: number) => rows().nth(i);

describe('the register of a session, on a tablet without JavaScript', () => {
	it.each(['fr', 'ar'])('shows the whole class on one form, accessible in %s', async (locale) => {
		await page.goto(`${base}/${locale}${register}`);
		expect(await page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
		expect(await rows().count()).toBeGreaterThanOrEqual(10);
		// Every row: three radios and an hours field, one Save button.
		expect(await page.locator('fieldset.register-row input[type="radio"]').count()).toBe((await rows().count()) * 3);
		expect(await page.locator('form[action="?/save"] button[type="submit"]').count()).toBe(1);
		await accessible(page);
	});

	it('refuses more hours than the session lasts next to the row, keeps what was typed, then saves; saving twice counts once', async () => {
		await page.goto(`${base}/fr${register}`);
		const n = await rows().count();
		for (let i = 0; i < n; i++) await row(i).locator('input[value="present"]').check();
		await row(1).locator('input[value="absent"]').check();
		await row(2).locator('input[value="excused"]').check();
		await row(3).locator('input[type="text"]').fill('2,5');
		await row(0).locator('input[type="text"]').fill('9');
		await page.locator('form[action="?/save"] button[type="submit"]').click();
		await expect.poll(() => page.locator('.form-error').count()).toBe(1);
		// The error sits in the first row; everything typed is still there.
		expect(await row(0).locator('.error-text').textContent()).toContain('Plus d’heures que la séance ne dure');
		expect(await row(0).locator('input[type="text"]').inputValue()).toBe('9');
		expect(await row(0).locator('input[type="text"]').getAttribute('aria-invalid')).toBe('true');
		expect(await row(1).locator('input[value="absent"]').isChecked()).toBe(true);
		expect(await row(2).locator('input[value="excused"]').isChecked()).toBe(true);
		expect(await row(3).locator('input[type="text"]').inputValue()).toBe('2,5');
		await accessible(page);

		await row(0).locator('input[type="text"]').fill('2:30');
		await page.locator('form[action="?/save"] button[type="submit"]').click();
		await page.waitForURL(/\?ok=saved$/);
		expect(await page.locator('.form-success').textContent()).toContain('Registre enregistré');
		expect(await row(0).locator('input[type="text"]').inputValue()).toBe('2:30');
		expect(await row(1).locator('input[value="absent"]').isChecked()).toBe(true);
		expect(await row(3).locator('input[type="text"]').inputValue()).toBe('2:30');
		const before = await attestationHours(row(0));

		// Saved again as it is: the same rows, nothing counted twice.
		await page.locator('form[action="?/save"] button[type="submit"]').click();
		await page.waitForURL(/\?ok=saved$/);
		expect(await attestationHours(row(0))).toBe(before);
	});

	it('locks the register: it shows what was recorded and takes no more changes; the attestation prints', async () => {
		await page.goto(`${base}/fr${register}`);
		await page.locator('form[action="?/lock"] button').click();
		await page.waitForURL(/\?ok=locked$/);
		expect(await page.locator('form[action="?/save"]').count()).toBe(0);
		expect(await page.locator('form[action="?/unlock"]').count()).toBe(1);
		expect(await page.locator('.register-table tbody tr').count()).toBeGreaterThanOrEqual(10);
		await accessible(page);

		const link = page.locator('ul.attestations a').first();
		const pdf = await fetchWithCookies(await link.getAttribute('href'));
		const text = pdfText(pdf, 'attestation-fr.pdf');
		for (const piece of ['Espace Rencontres Herstal (fictif)', 'FLE A1 — Herstal', 'Heures suivies', 'Signature et cachet']) expect(text).toContain(piece);
	});
});

/** The PDF at `href`, fetched with the page's session (the attestation needs it). */
async function fetchWithCookies(href: string | null, query = '?lang=fr'): Promise<Buffer> {
	const response = await context.request.get(`${base}${href}${query}`);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	return Buffer.from(await response.body());
}
function pdfText(pdf: Buffer, name: string): string {
	const file = path.join(work, name);
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/[ \t]+/g, ' ');
}
/** The hours attended of the row's trainee, read from their attestation: the same after a second save. */
async function attestationHours(r: ReturnType<typeof row>): Promise<string> {
	const id = (await r.getAttribute('id'))!.replace('row-', '');
	const text = pdfText(await fetchWithCookies(`/fr/pro/cours/${courseId}/inscriptions/${id}/attestation.pdf`), `hours-${id}.pdf`);
	return /Heures suivies\s+([\d,]+ h)/.exec(text)?.[1] ?? text;
}
