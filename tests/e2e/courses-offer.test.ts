import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './browser';

// The offer on the shared server, without JavaScript: a worker writes a course and plans its
// evening sessions, an admin publishes it, and the public directory finds it. No second factor is
// set up on any account (the course pages show no people).

const base = inject('baseURL');
let browser: Browser;
let checker: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	checker = await newPage(browser);
});
afterAll(async () => {
	await browser?.close();
});

/** A demo account signed in, in a context without JavaScript. */
async function signIn(email: string, locale = 'fr'): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-BE', javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${base}/${locale}/pro/connexion`);
	await page.locator('input[name="email"]').fill(email);
	await page.locator('input[name="password"]').fill('passerelle-demo');
	await page.locator('main form button[type="submit"]').click();
	await page.waitForURL(new RegExp(`/${locale}/pro$`));
	return page;
}

/** axe on what a page without JavaScript shows (axe itself needs a page with scripts). */
async function checkAccessible(p: Page): Promise<void> {
	const html = await p.content();
	await checker.goto(`${base}/fr`);
	await checker.setContent(html, { waitUntil: 'load' });
	await expectAccessible(checker);
}

/** A Brussels date `days` from today (YYYY-MM-DD). */
const day = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + days * 86_400_000));
const token = `soirq${Date.now().toString(36)}`;
const title = `FLE A1 oral ${token}`;
let courseUrl = '';

describe('a course from the form to the public directory (demo accounts, no JavaScript)', () => {
	it('a worker writes a course: capacity 0 is refused next to its field, everything typed kept; fixed, the course is created', async () => {
		const page = await signIn('ili.travailleur@demo.passerelle.be');
		await page.getByRole('link', { name: 'Cours', exact: true }).first().click();
		await page.waitForURL(/\/fr\/pro\/cours$/);
		await checkAccessible(page);
		await page.getByRole('link', { name: 'Nouveau cours' }).click();
		await page.waitForURL(/\/fr\/pro\/cours\/nouveau$/);
		await page.locator('input[name="title"]').fill(title);
		await page.locator('textarea[name="description"]').fill('Parler français au quotidien, le soir après le travail.');
		await page.locator('select[name="axis"]').selectOption('fle');
		await page.locator('select[name="level"]').selectOption('a1');
		await page.locator('select[name="focus"]').selectOption('oral');
		await page.locator('select[name="nisCode"]').selectOption('62096');
		await page.locator('input[name="address"]').fill('Rue de la Fictive 12');
		await page.locator('input[name="startsOn"]').fill(day(7));
		await page.locator('input[name="endsOn"]').fill(day(7 + 55));
		await page.locator('input[name="totalHours"]').fill('40');
		await page.locator('input[name="capacity"]').fill('0');
		await page.locator('input[name="childcarePlaces"]').fill('2');
		await page.locator('input[name="languages"][value="ar"]').check();
		await page.getByRole('button', { name: 'Créer le cours' }).click();

		expect(await page.locator('#f-capacity-error').textContent()).toBe('Le nombre de places doit être d’au moins 1.');
		expect(await page.locator('input[name="capacity"]').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('input[name="title"]').inputValue()).toBe(title);
		expect(await page.locator('select[name="level"]').inputValue()).toBe('a1');
		expect(await page.locator('input[name="languages"][value="ar"]').isChecked()).toBe(true);
		expect(await page.locator('input[name="childcarePlaces"]').inputValue()).toBe('2');
		await checkAccessible(page);

		await page.locator('input[name="capacity"]').fill('12');
		await page.getByRole('button', { name: 'Créer le cours' }).click();
		await page.waitForURL(/\/fr\/pro\/cours\/[0-9a-f-]{36}\?created=1$/);
		courseUrl = page.url().split('?')[0]!;
		expect(await page.locator('[role="status"]').first().textContent()).toContain('Le cours est créé');
		// A worker edits and plans; publishing is for the organisation's admins and coordinators.
		expect(await page.getByRole('button', { name: 'Publier le cours' }).count()).toBe(0);

		// Two tabs on the same course: the second save is told, keeps what was typed and sees what the first saved.
		const other = await page.context().newPage();
		await other.goto(courseUrl);
		await page.locator('textarea[name="description"]').fill('Parler français au quotidien, le mardi et le jeudi soir.');
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		expect(await page.locator('[role="status"]').first().textContent()).toBe('Modifications enregistrées.');
		await other.locator('input[name="capacity"]').fill('14');
		await other.getByRole('button', { name: 'Enregistrer' }).click();
		const conflict = other.locator('.form-error[role="alert"]');
		expect(await conflict.textContent()).toContain('Quelqu’un a enregistré ce cours');
		expect(await conflict.locator('dd').allTextContents()).toEqual(['Parler français au quotidien, le mardi et le jeudi soir.', '12']);
		expect(await other.locator('input[name="capacity"]').inputValue()).toBe('14');
		await checkAccessible(other);
		// Saving again replaces the other save on purpose.
		await other.getByRole('button', { name: 'Enregistrer' }).click();
		expect(await other.locator('[role="status"]').first().textContent()).toBe('Modifications enregistrées.');
		await other.close();

		// Sessions: every Tuesday and Thursday evening of the course.
		await page.getByRole('link', { name: 'Séances' }).first().click();
		await page.waitForURL(/\/seances$/);
		await page.locator('input[name="weekdays"][value="2"]').check();
		await page.locator('input[name="weekdays"][value="4"]').check();
		await page.locator('#f-plan-start').fill('18:00');
		await page.locator('#f-plan-end').fill('20:30');
		await page.getByRole('button', { name: 'Planifier', exact: true }).click();
		expect(await page.locator('[role="status"]').textContent()).toMatch(/Séances ajoutées : 1[5-7]\./);
		const rows = page.locator('tbody tr');
		expect(await rows.count()).toBeGreaterThanOrEqual(15);
		expect(await rows.first().textContent()).toContain('18:00–20:30');
		expect(await rows.first().textContent()).toContain('Soir');
		expect(await rows.first().textContent()).toContain('2 h 30');
		await checkAccessible(page);
		await page.context().close();
	}, 180_000);

	it('an admin publishes it: the course is a service of the organisation, found by the public directory', async () => {
		const admin = await signIn('ili.admin@demo.passerelle.be');
		await admin.goto(courseUrl);
		await admin.getByRole('button', { name: 'Publier le cours' }).click();
		expect(await admin.locator('[role="status"]').first().textContent()).toContain('Le cours est publié');
		await checkAccessible(admin);

		// In the list, with its evening tag and its seats.
		await admin.goto(`${base}/fr/pro/cours?axis=fle&status=published`);
		const row = admin.locator('tbody tr', { hasText: title });
		expect(await row.textContent()).toContain('Soir');
		expect(await row.textContent()).toContain('Places occupées : 0 sur 14');

		// The same pages in Arabic, right to left, accessible.
		const id = courseUrl.split('/').pop();
		for (const path of ['/ar/pro/cours', `/ar/pro/cours/${id}`, `/ar/pro/cours/${id}/seances`]) {
			await admin.goto(`${base}${path}`);
			expect(await admin.locator('html').getAttribute('dir')).toBe('rtl');
			await checkAccessible(admin);
		}

		// The public directory (no account) finds it by a word of its title, as a French class with childcare in the evening.
		const visitor = await newPage(browser, { javaScriptEnabled: false });
		let found = false;
		for (let i = 0; i < 10 && !found; i++) {
			await visitor.goto(`${base}/fr/annuaire?q=${token}&evening=1&childcare=1&i=${i}`);
			found = (await visitor.getByRole('link', { name: title }).count()) > 0;
			if (!found) await visitor.waitForTimeout(500);
		}
		expect(found).toBe(true);
		await visitor.getByRole('link', { name: title }).first().click();
		expect(await visitor.locator('h1').textContent()).toContain(title);
		expect(await visitor.locator('main').textContent()).toContain('Maison des Langues de Seraing');
		const servicePage = visitor.url();

		// Archived (a ticked confirmation first): the course leaves the directory, which keeps its 200 demo services for the other suites.
		await admin.goto(courseUrl);
		await admin.getByRole('button', { name: 'Archiver le cours' }).click();
		expect(await admin.locator('.error-text').first().textContent()).toBe('Cochez la case pour confirmer.');
		await admin.locator('form[action="?/archive"] input[name="confirm"]').check();
		await admin.getByRole('button', { name: 'Archiver le cours' }).click();
		expect(await admin.locator('[role="status"]').first().textContent()).toContain('Le cours est archivé');
		await admin.context().close();
		await visitor.waitForTimeout(1100);
		expect((await visitor.goto(servicePage))!.status()).toBe(404);
		await visitor.context().close();
	}, 180_000);
});
