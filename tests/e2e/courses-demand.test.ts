import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ar from '../../src/lib/i18n/messages/ar.json';
import fr from '../../src/lib/i18n/messages/fr.json';
import { expectAccessible, launchBrowser, signInWithSecondFactor } from './browser';
import { demoInterestPath } from './courses-demand.fixtures';

// On the shared server. ili.coordination@ is reserved for this suite (its second factor is set up
// here). Only the suite's own request is changed: the demo's people stay as they are.
const base = inject('baseURL');
let browser: Browser;
let visitor: BrowserContext;
let noScript: BrowserContext;
let interest = '';
const firstName = `Awa${Date.now() % 100000}`;

beforeAll(async () => {
	browser = await launchBrowser();
	// The pages ship no JavaScript (csr = false); axe needs scripts in the browser, so the checks
	// with axe use a normal context, and the request itself is sent from one without JavaScript.
	visitor = await browser.newContext({ locale: 'fr-BE' });
	noScript = await browser.newContext({ locale: 'fr-BE', javaScriptEnabled: false });
	// Seraing's Alpha class has free seats (its evening A1 class is full).
	interest = await demoInterestPath(base, 'Alpha');
}, 120_000);
afterAll(async () => browser?.close());

describe('the public "I’m interested" form', { timeout: 180_000 }, () => {
	it.each(['fr', 'ar'])('refuses a request without contact or consent in %s, next to the fields, keeping what was typed', async (locale) => {
		const page = await visitor.newPage();
		await page.goto(`${base}/${locale}${interest}`);
		if (locale === 'ar') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		await expectAccessible(page);
		await page.locator('input[name="firstName"]').fill(firstName);
		await page.locator('input[name="needsChildcare"]').check();
		await page.locator('main form button[type="submit"]').click();
		await page.waitForLoadState();
		const messages = locale === 'ar' ? ar : fr;
		expect(await page.locator('#f-phone-error').textContent()).toBe(messages['courses.demand.errors.contact']);
		expect(await page.locator('#f-consent-error').textContent()).toBe(messages['courses.demand.errors.consent']);
		expect(await page.locator('input[name="firstName"]').inputValue()).toBe(firstName);
		expect(await page.locator('input[name="needsChildcare"]').isChecked()).toBe(true);
		await expectAccessible(page);
		await page.close();
	});

	it('keeps the request and tells the person their position and how they will be contacted (without JavaScript)', async () => {
		const page = await noScript.newPage();
		await page.goto(`${base}/fr${interest}`);
		await page.locator('input[name="firstName"]').fill(firstName);
		await page.locator('input[name="phone"]').fill('0470 99 12 34');
		await page.locator('select[name="interpreterLanguage"]').selectOption('ar');
		await page.locator('input[name="consent"]').check();
		await page.locator('main form button[type="submit"]').click();
		await page.getByTestId('position').waitFor();
		expect(await page.locator('.form-success').textContent()).toContain(fr['courses.demand.public.thanks']);
		// The same person again: refused clearly, nothing typed lost.
		await page.goto(`${base}/fr${interest}`);
		await page.locator('input[name="firstName"]').fill(firstName);
		await page.locator('input[name="phone"]').fill('+32 470 99 12 34');
		await page.locator('input[name="consent"]').check();
		await page.locator('main form button[type="submit"]').click();
		await page.waitForLoadState();
		expect(await page.locator('.form-error').textContent()).toContain(fr['courses.demand.errors.duplicate']);
		expect(await page.locator('input[name="phone"]').inputValue()).toBe('+32 470 99 12 34');
		await page.close();
	});
});

describe('the course’s waiting list', { timeout: 180_000 }, () => {
	let page: Page;
	let list = '';

	beforeAll(async () => {
		const coordinator = await browser.newContext({ locale: 'fr-BE' });
		({ page } = await signInWithSecondFactor(coordinator, base, 'ili.coordination@demo.passerelle.be'));
		list = `/pro/cours/${interest.split('/')[2]}/inscriptions`;
	}, 120_000);

	it('shows the request on the waiting list, offers the person a seat, then enrols them', async () => {
		await page.goto(`${base}/fr${list}`);
		const card = page.locator('li.card', { hasText: firstName });
		expect(await card.getAttribute('data-status')).toBe('waiting');
		expect(await card.locator('h3').textContent()).toMatch(/n° \d+/);
		await expectAccessible(page);
		const id = (await card.getAttribute('data-enrolment'))!;
		await page.getByTestId(`offer-${id}`).click();
		await page.waitForLoadState();
		expect(await page.locator('.form-success').textContent()).toBe(fr['courses.demand.done.offered']);
		const offered = page.locator(`li[data-enrolment="${id}"]`);
		expect(await offered.getAttribute('data-status')).toBe('offered');
		expect(await offered.getByTestId('expires').textContent()).not.toBe('');
		await page.getByTestId(`enrol-${id}`).click();
		await page.waitForLoadState();
		expect(await page.locator('.form-success').textContent()).toBe(fr['courses.demand.done.enrolled']);
		expect(await page.locator(`li[data-enrolment="${id}"]`).getAttribute('data-status')).toBe('enrolled');
		await expectAccessible(page);
	});

	it('is accessible in Arabic, right to left', async () => {
		await page.goto(`${base}/ar${list}`);
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		expect(await page.locator('h2#waiting').textContent()).toContain(ar['courses.demand.waitingTitle'].split(' (')[0]!);
		await expectAccessible(page);
	});

	it('lists, under a person who agreed, the equivalent courses elsewhere with free seats', async () => {
		// Seraing's full evening class: Natalia agreed; Herstal's A1 has seats.
		const evening = (await demoInterestPath(base, 'cours du soir')).split('/')[2];
		await page.goto(`${base}/fr/pro/cours/${evening}/inscriptions`);
		const natalia = page.locator('li.card', { hasText: 'Natalia' });
		await natalia.locator('details.elsewhere summary').click();
		expect(await natalia.locator('details.elsewhere').textContent()).toContain('FLE A1 — Herstal');
		await expectAccessible(page);
	});
});
