import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../src/lib/server/notify/smtp-receiver';
import { expectAccessible, launchBrowser, newPage } from './browser';
import { freePort, root, startServer, type RunningServer } from './server';

// A verification campaign from end to end, on a demo instance of its own with a real SMTP
// receiver: an editor launches it, the e-mail arrives in the organisation's language, its link
// confirms a service, the public page shows the new date and the dashboard counts it.
let browser: Browser;
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let editor: Page;

const catalogue = (l: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
const brusselsDay = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(Date.now() + offsetDays * 86_400_000));
const municipalityRow = async (page: Page, name: string) => {
	const cells = await page.locator(`table[data-table="by-municipality"] tr[data-key="${name}"] td`).allTextContents();
	return { total: Number(cells[0]), verified: Number(cells[1]) };
};

beforeAll(async () => {
	browser = await launchBrowser();
	smtp = await startSmtpReceiver();
	const port = await freePort();
	server = await startServer({ PORT: String(port), ORIGIN: `http://127.0.0.1:${port}`, SMTP_URL: smtp.url, PASSERELLE_DEMO: '1' }, { fromDemoTemplate: true });
	editor = await newPage(browser);
	await editor.goto(`${server.url}/fr/pro/connexion`);
	await editor.locator('input[name="email"]').fill('editeur@demo.passerelle.be');
	await editor.locator('input[name="password"]').fill('passerelle-demo');
	await editor.locator('main form[method="post"] button[type="submit"]').last().click();
	await editor.waitForURL(/\/fr\/pro$/);
}, 240_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await smtp?.close();
});

describe('a verification campaign', () => {
	it('is launched by an editor, answered through the e-mailed link, and counted on the dashboard', async () => {
		const base = server.url;
		// The dashboard before: Seraing's and Herstal's services and how many were checked in the last year.
		await editor.goto(`${base}/fr/pro/fraicheur`);
		const before = { Seraing: await municipalityRow(editor, 'Seraing'), Herstal: await municipalityRow(editor, 'Herstal') };
		expect(before.Seraing.total).toBeGreaterThan(0);
		await expectAccessible(editor);

		// A mistake is refused field by field; what was typed and ticked stays.
		await editor.goto(`${base}/fr/pro/campagnes`);
		await editor.locator('a[href$="/pro/campagnes/nouvelle"]').click();
		await expectAccessible(editor);
		await editor.locator('input[name="name"]').fill('Campagne annuelle 2026');
		await editor.locator('input[name="startsOn"]').fill(brusselsDay());
		await editor.locator('input[name="endsOn"]').fill(brusselsDay(-3));
		await editor.locator('input[name="nisCodes"][value="62096"]').check();
		await editor.locator('input[name="nisCodes"][value="62051"]').check();
		await editor.locator('input[name="organisationKinds"][value="ili"]').check();
		await editor.locator('input[name="reminderDays"]').fill('7, bientôt');
		await editor.getByTestId('create-campaign').click();
		expect(await editor.locator('#f-endsOn-error').textContent()).toBe(catalogue('fr')['pro.errors.endBeforeStart']);
		expect(await editor.locator('#f-reminderDays-error').count()).toBe(1);
		expect(await editor.locator('input[name="name"]').inputValue()).toBe('Campagne annuelle 2026');
		expect(await editor.locator('input[name="nisCodes"][value="62096"]').isChecked()).toBe(true);
		expect(await editor.locator('input[name="organisationKinds"][value="ili"]').isChecked()).toBe(true);
		await expectAccessible(editor);
		await editor.locator('input[name="endsOn"]').fill(brusselsDay(30));
		await editor.locator('input[name="reminderDays"]').fill('7, 14');
		await editor.getByTestId('create-campaign').click();
		await editor.waitForURL(/\/fr\/pro\/campagnes\/[0-9a-f-]{36}$/);
		const campaignUrl = editor.url();

		// Launching sends the e-mails. The demo ILIs have no contact address, so their admins get
		// them, each in their language: Dutch in Seraing, Arabic in Herstal. Nobody else is targeted.
		await editor.locator('form[action="?/launch"] button').click();
		await editor.locator('.form-success').waitFor();
		await expectAccessible(editor);
		const mails = await smtp.waitFor(2);
		await new Promise((r) => setTimeout(r, 300));
		expect(mails.map((m) => `${m.to} ${m.language}`).sort()).toEqual(['herstal@demo.passerelle.be ar', 'ili.admin@demo.passerelle.be nl']);
		const seraingMail = mails.find((m) => m.language === 'nl')!;
		expect(seraingMail.subject).toContain('Maison des Langues de Seraing');
		expect(seraingMail.text).toContain('Campagne annuelle 2026');
		expect(seraingMail.text).toContain(catalogue('nl')['mail.campaign.body']!.split('\n')[0]!);
		const herstalMail = mails.find((m) => m.language === 'ar')!;
		expect(herstalMail.text).toContain(catalogue('ar')['mail.campaign.body']!.split('\n')[0]!);
		const linkIn = (text: string, l: string) => new RegExp(`http://127\\.0\\.0\\.1:\\d+/${l}/verification/[A-Za-z0-9_-]+`).exec(text)![0];
		const links = [
			{ link: linkIn(seraingMail.text, 'nl'), locale: 'nl', municipality: 'Seraing' as const, organisation: 'Maison des Langues de Seraing (fictive)' },
			{ link: linkIn(herstalMail.text, 'ar'), locale: 'ar', municipality: 'Herstal' as const, organisation: 'Espace Rencontres Herstal (fictif)' }
		];

		// Each link opens without an account, in the e-mail's language; in French and Arabic it passes axe.
		const visitor = await newPage(browser);
		for (const { link, locale } of links) {
			await visitor.goto(link);
			expect(await visitor.locator('html').getAttribute('lang')).toBe(locale);
			expect(await visitor.locator('h1').textContent()).toBe(catalogue(locale)['directory.verification.title']);
		}
		for (const l of ['fr', 'ar']) {
			await visitor.goto(links[0]!.link.replace('/nl/', `/${l}/`));
			await expectAccessible(visitor);
		}
		// An organisation with a service not checked in the last year (the demo's dates go back 20 months).
		const yearAgo = Date.now() - 365 * 86_400_000;
		let chosen: { target: (typeof links)[number]; articles: { id: string; at: string }[]; old: { id: string; at: string } } | undefined;
		for (const target of links) {
			await visitor.goto(target.link);
			const articles = await visitor.locator('article.verification').evaluateAll((list) => list.map((a) => ({ id: a.id.replace('service-', ''), at: a.getAttribute('data-last-verified') ?? '' })));
			const old = articles.find((a) => !a.at || Date.parse(a.at) < yearAgo);
			if (old) {
				chosen = { target, articles, old };
				break;
			}
		}
		expect(chosen, 'a demo ILI in Seraing or Herstal with a service unchecked for a year').toBeDefined();
		const { target, articles } = chosen!;
		const serviceId = chosen!.old.id;
		const first = visitor.locator(`#service-${serviceId}`);
		await first.locator('form[action^="?/confirm"] button').click();
		await visitor.locator('.form-success').waitFor();
		expect(await visitor.locator(`#service-${serviceId} .tag`).textContent()).toBe(catalogue(target.locale)['directory.verification.answered']);

		// A correction for another service goes to the editors' reports; an empty one is refused in place.
		const other = articles.find((a) => a.id !== serviceId);
		if (other) {
			await visitor.locator(`#service-${other.id} form[action^="?/correct"] button`).click();
			expect(await visitor.locator(`#service-${other.id} .error-text`).count()).toBe(1);
			await expectAccessible(visitor);
			await visitor.locator(`#correction-${other.id}`).fill('Nouvel horaire : le mardi de 9 h à 12 h.');
			await visitor.locator(`#service-${other.id} form[action^="?/correct"] button`).click();
			await visitor.locator('.form-success').waitFor();
		}

		// The public page shows today's date as the last check.
		await new Promise((r) => setTimeout(r, 1100));
		const today = new Intl.DateTimeFormat('fr-u-ca-gregory', { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(new Date());
		const publicPage = await (await fetch(`${base}/fr/annuaire/${serviceId}`)).text();
		expect(publicPage).toContain(`Informations vérifiées le ${today}`);

		// The campaign page shows the organisation's progress, by e-mail; the dashboard counts one more.
		await editor.goto(campaignUrl);
		const row = editor.locator('tr.campaign-org', { hasText: target.organisation });
		// Done once every published service was answered (confirmed or corrected), else started.
		expect(await row.getAttribute('data-status')).toBe((other ? 2 : 1) === articles.length ? 'done' : 'started');
		expect(await row.locator('td').nth(2).textContent()).toBe(catalogue('fr')['pro.campaigns.methodName.email']);
		await editor.goto(`${base}/fr/pro/fraicheur`);
		const after = await municipalityRow(editor, target.municipality);
		expect(after).toEqual({ total: before[target.municipality].total, verified: before[target.municipality].verified + 1 });
		await editor.goto(`${base}/ar/pro/fraicheur`);
		expect(await editor.locator('html').getAttribute('dir')).toBe('rtl');
		await expectAccessible(editor);
		await editor.goto(campaignUrl.replace('/fr/', '/ar/'));
		await expectAccessible(editor);
		await visitor.context().close();
	}, 180_000);

	it('marks services unchecked for over 18 months on their card and page', async () => {
		// The demo has some (each organisation's third service may be 18 to 20 months old).
		const cards: { id: string; stale: boolean }[] = [];
		for (let page = 1; page <= 10 && !cards.some((c) => c.stale); page++) {
			const list = await (await fetch(`${server.url}/fr/annuaire?page=${page}`)).text();
			for (const m of list.matchAll(/<article class="card service-card[^"]*">[\s\S]*?href="\/fr\/annuaire\/([0-9a-f-]{36})"[\s\S]*?<\/article>/g)) cards.push({ id: m[1]!, stale: /class="tag stale/.test(m[0]) });
		}
		const stale = cards.filter((c) => c.stale);
		expect(stale.length, `${cards.length} cards read`).toBeGreaterThan(0);
		const fresh = cards.find((c) => !c.stale)!;
		const notice = catalogue('fr')['directory.service.stale']!;
		expect(await (await fetch(`${server.url}/fr/annuaire/${stale[0]!.id}`)).text()).toContain(notice);
		expect(await (await fetch(`${server.url}/fr/annuaire/${fresh.id}`)).text()).not.toContain(notice);
		const ar = await (await fetch(`${server.url}/ar/annuaire/${stale[0]!.id}`)).text();
		expect(ar).toContain(catalogue('ar')['directory.service.stale']!);
	});

	it('answers an unknown link with a page in the visitor’s language, not an error', async () => {
		const res = await fetch(`${server.url}/ar/verification/${'x'.repeat(43)}`);
		expect(res.status).toBe(404);
		const html = await res.text();
		expect(html).toContain('lang="ar" dir="rtl"');
		expect(html).toContain(catalogue('ar')['directory.verification.invalid']!.slice(0, 20));
	});
});
