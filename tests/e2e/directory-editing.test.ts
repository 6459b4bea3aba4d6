import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage, signInDemo } from './browser';

const base = inject('baseURL');
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

const signIn = (email: string, locale = 'fr'): Promise<Page> => signInDemo(browser, base, email, locale);

describe('editing a service and publishing it (demo accounts)', () => {
	it('an ILI worker’s change stays invisible until a directory editor publishes it', async () => {
		const worker = await signIn('ili.travailleur@demo.passerelle.be', 'fr');
		await worker.locator('.cards a').first().click();
		await worker.locator('a[href$="/services"]').click();
		// A published service (other suites may have left drafts of the organisation, a course's among them).
		await worker.locator('table tr').filter({ has: worker.locator('td', { hasText: /^Publié$/ }) }).locator('a').first().click();
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

	it('a member adds a closure and a second address; a wrong exception is refused next to its field, keeping what was typed', async () => {
		const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		const worker = await signIn('ili.travailleur@demo.passerelle.be', 'fr');
		await worker.locator('.cards a').first().click();
		await worker.locator('a[href$="/services"]').click();
		await worker.locator('table a').nth(1).click();
		await worker.waitForURL(/\/fr\/pro\/services\/[0-9a-f-]{36}$/);
		const serviceId = worker.url().split('/').pop()!;

		// The blank rows at the end of each list are the ones to fill.
		const ex = (await worker.locator('input[name^="ex-"][name$="-startsOn"]').last().getAttribute('name'))!.replace('-startsOn', '');
		const loc = (await worker.locator('input[name^="loc-"][name$="-street"]').last().getAttribute('name'))!.replace('-street', '');
		await worker.locator(`input[name="${ex}-startsOn"]`).fill(iso(5));
		await worker.locator(`input[name="${ex}-endsOn"]`).fill(iso(2));
		await worker.locator(`input[name="${ex}-message"]`).fill('Fermé pour déménagement des bureaux.');
		await worker.locator(`input[name="${loc}-street"]`).fill('Rue du Pont 12');
		await worker.locator(`input[name="${loc}-postalCode"]`).fill('4100');
		await worker.locator(`select[name="${loc}-nisCode"]`).selectOption('62096');
		await worker.locator('form[action="?/save"] button[type="submit"]').click();

		const error = worker.locator(`#f-${ex}-endsOn-error`);
		expect(await error.textContent()).toContain('La date de fin doit être le jour du début ou après.');
		expect(await worker.locator(`#f-${ex}-endsOn`).getAttribute('aria-describedby')).toContain(`f-${ex}-endsOn-error`);
		expect(await worker.locator(`input[name="${ex}-startsOn"]`).inputValue()).toBe(iso(5));
		expect(await worker.locator(`input[name="${ex}-endsOn"]`).inputValue()).toBe(iso(2));
		expect(await worker.locator(`input[name="${ex}-message"]`).inputValue()).toBe('Fermé pour déménagement des bureaux.');
		expect(await worker.locator(`input[name="${loc}-street"]`).inputValue()).toBe('Rue du Pont 12');
		expect(await worker.locator(`select[name="${loc}-nisCode"]`).inputValue()).toBe('62096');
		await expectAccessible(worker);

		await worker.locator(`input[name="${ex}-endsOn"]`).fill(iso(8));
		await worker.locator('form[action="?/save"] button[type="submit"]').click();
		await worker.locator('.form-success').waitFor();
		// Saved: the closure is now a row of its own, announced 15 days before its start by default.
		const saved = (await worker.locator(`input[name^="ex-"][name$="-startsOn"][value="${iso(5)}"]`).getAttribute('name'))!.replace('-startsOn', '');
		expect(await worker.locator(`input[name="${saved}-noticeFrom"]`).inputValue()).toBe(iso(-10));
		await worker.locator('form[action="?/submit"] button').click();
		await worker.locator('.form-success').waitFor();

		const editor = await signIn('editeur@demo.passerelle.be', 'fr');
		await editor.goto(`${base}/fr/pro/moderation/${serviceId}`);
		const changed = await editor.locator('tr.changed th').allTextContents();
		expect(changed.join(' ')).toContain('Fermetures et horaires exceptionnels');
		expect(changed.join(' ')).toContain('Adresse');
		await editor.locator('button[formaction="?/publish"]').click();
		await editor.waitForURL(/moderation\?published=1/);

		await new Promise((r) => setTimeout(r, 1100));
		const page = await newPage(browser);
		await page.goto(`${base}/fr/annuaire/${serviceId}`);
		const notice = await page.locator('.notice[role="note"]').allTextContents();
		expect(notice.join(' ')).toContain('Fermé du');
		expect(notice.join(' ')).toContain('Fermé pour déménagement des bureaux.');
		const addresses = await page.locator('main address').allTextContents();
		expect(addresses).toHaveLength(2);
		expect(addresses[1]).toContain('Rue du Pont 12, 4100 Seraing');
		await worker.context().close();
		await editor.context().close();
		await page.context().close();
	});

	it('a refused exception passes axe in Arabic, right to left', async () => {
		const admin = await signIn('ili.admin@demo.passerelle.be', 'ar');
		await admin.locator('.cards a').first().click();
		await admin.locator('a[href$="/services"]').click();
		await admin.locator('table a').last().click();
		const ex = (await admin.locator('input[name^="ex-"][name$="-startsOn"]').last().getAttribute('name'))!.replace('-startsOn', '');
		await admin.locator(`input[name="${ex}-startsOn"]`).fill('2030-03-10');
		await admin.locator(`select[name="${ex}-kind"]`).selectOption('hours');
		await admin.locator('form[action="?/save"] button[type="submit"]').click();
		expect(await admin.locator(`#f-${ex}-hours-error`).count()).toBe(1);
		expect(await admin.locator(`select[name="${ex}-kind"]`).inputValue()).toBe('hours');
		expect(await admin.locator('html').getAttribute('dir')).toBe('rtl');
		await expectAccessible(admin);
		await admin.context().close();
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
