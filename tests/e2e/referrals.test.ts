import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCaseFiles } from '../../src/lib/server/cases/cases.referrals.demo';
import { startSmtpReceiver } from '../../src/lib/server/notify/smtp-receiver';
import { expectAccessible, launchBrowser, signInDemo } from './browser';
import { freePort, root, startServer, type RunningServer } from './server';

// Consent and referral from end to end on a demo instance with a real SMTP receiver: a worker of
// the Seraing ILI is refused a referral without consent, records the consent, sends the referral;
// the Herstal ILI's admin (Arabic) accepts it and sees only the shared sections; the consent is
// revoked and the access ends. Axe on every page, in French and in Arabic.
let browser: Browser;
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let worker: Page;
let receiver: Page;
const file = demoCaseFiles.noConsent;
const herstal = 'Espace Rencontres Herstal (fictif)';
const catalogue = (l: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
const fr = catalogue('fr');
const ar = catalogue('ar');

/** A demo account signed in, with a TOTP second factor set up in this session (case files need one). */
async function signInWithSecondFactor(email: string, locale: string): Promise<Page> {
	const page = await signInDemo(browser, server.url, email, locale);
	await page.goto(`${server.url}/${locale}/pro/compte/securite`);
	await page.locator('form[action="?/start"] button').click();
	const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
	const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
	await page.locator('input[name="code"]').fill(totp.generate());
	await page.locator('form[action="?/confirm"] button').click();
	await page.getByTestId('recovery-codes').waitFor();
	return page;
}
const fileUrl = (locale: string, tab = '') => `${server.url}/${locale}/pro/dossiers/${file}${tab}`;

beforeAll(async () => {
	browser = await launchBrowser();
	smtp = await startSmtpReceiver();
	const port = await freePort();
	server = await startServer({ PORT: String(port), ORIGIN: `http://127.0.0.1:${port}`, SMTP_URL: smtp.url, PASSERELLE_DEMO: '1' }, { fromDemoTemplate: true });
	worker = await signInWithSecondFactor('ili.travailleur@demo.passerelle.be', 'fr');
	receiver = await signInWithSecondFactor('herstal@demo.passerelle.be', 'ar');
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await smtp?.close();
});

describe('consent and referral between two ILIs', () => {
	it('refuses a referral without the person’s consent, next to the field, keeping what was typed', async () => {
		await worker.goto(fileUrl('fr', '/orientations'));
		await expectAccessible(worker);
		await worker.locator('select[name="toOrganisationId"]').selectOption({ label: herstal });
		await worker.locator('select[name="purpose"]').selectOption('fle');
		await worker.locator('input[name="sections"][value="identity"]').check();
		await worker.locator('input[name="sections"][value="parcours"]').check();
		await worker.locator('textarea[name="message"]').fill('Nour cherche un cours de français le soir.');
		await worker.getByTestId('send-referral').click();
		expect(await worker.locator('#f-toOrganisationId-error').textContent()).toBe(fr['pro.errors.referral.noConsent']);
		expect(await worker.locator('textarea[name="message"]').inputValue()).toBe('Nour cherche un cours de français le soir.');
		expect(await worker.locator('input[name="sections"][value="parcours"]').isChecked()).toBe(true);
		expect(await worker.locator('select[name="purpose"]').inputValue()).toBe('fle');
		await expectAccessible(worker);
	}, 120_000);

	it('records the consent in Arabic with an interpreter, prints its form, and sends the referral', async () => {
		await worker.goto(fileUrl('fr', '/consentements'));
		await expectAccessible(worker);
		await worker.locator('input[name="purpose"][value="referral"]').check();
		await worker.locator('label.check', { hasText: herstal }).locator('input').check();
		await worker.locator('input[name="sections"][value="identity"]').check();
		await worker.locator('input[name="sections"][value="parcours"]').check();
		expect(await worker.locator('select[name="language"]').inputValue()).toBe('ar'); // the person's first language
		await worker.locator('input[name="interpreter"]').check();
		// The printed form: the same choices, in Arabic.
		const pdf = await worker.context().request.get(`${fileUrl('fr', '/consentements/formulaire.pdf')}?purpose=referral&organisations=${await worker.locator('label.check', { hasText: herstal }).locator('input').getAttribute('value')}&sections=identity,parcours&language=ar`);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
		await worker.getByTestId('record-consent').click();
		await worker.locator('.form-success').waitFor();
		expect(await worker.locator('li[data-state="active"]').count()).toBe(1);
		await expectAccessible(worker);
		await worker.goto(fileUrl('ar', '/consentements'));
		await expectAccessible(worker);

		await worker.goto(fileUrl('fr', '/orientations'));
		await worker.locator('select[name="toOrganisationId"]').selectOption({ label: herstal });
		await worker.locator('select[name="purpose"]').selectOption('fle');
		await worker.locator('input[name="sections"][value="identity"]').check();
		await worker.locator('input[name="sections"][value="parcours"]').check();
		await worker.locator('textarea[name="message"]').fill('Nour cherche un cours de français le soir.');
		await worker.getByTestId('send-referral').click();
		await worker.locator('.form-success').waitFor();
		expect(await worker.locator('li[data-status="sent"]').count()).toBe(1);
		await expectAccessible(worker);
		await worker.goto(fileUrl('ar', '/orientations'));
		await expectAccessible(worker);

		// Herstal's admin is told in Arabic that something waits; nothing about the person.
		const mails = await smtp.waitFor(1);
		const mail = mails.find((m) => m.to === 'herstal@demo.passerelle.be')!;
		expect(mail.language).toBe('ar');
		expect(mail.text).toContain(`${server.url}/ar/pro/orientations`);
		expect(mail.subject + mail.text).not.toContain('Nour');
	}, 120_000);

	it('shows the receiver the referral only; once accepted, the shared sections and nothing else', async () => {
		// Not before accepting.
		expect((await receiver.goto(fileUrl('ar')))!.status()).toBe(404);
		await receiver.goto(`${server.url}/ar/pro/orientations`);
		await expectAccessible(receiver);
		const item = receiver.locator('li.card', { hasText: 'Nour Exemple' });
		expect(await item.textContent()).toContain('Nour cherche un cours de français le soir.');
		await item.locator('button[data-testid^="accept-"]').click();
		await receiver.locator('.form-success').waitFor();
		expect(await receiver.locator('.form-success').textContent()).toContain(ar['pro.inbox.accepted']);
		await expectAccessible(receiver);
		await receiver.locator('.form-success a').click();
		await receiver.waitForURL(new RegExp(`/ar/pro/dossiers/${file}$`));
		const tabs = await receiver.locator('nav.case-tabs a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname.split('/').slice(5).join('/')));
		expect(tabs).toEqual(['', 'identite', 'parcours', 'cours']);
		expect((await receiver.goto(fileUrl('ar', '/consentements')))!.status()).toBe(404);
		expect((await receiver.goto(fileUrl('ar', '/orientations')))!.status()).toBe(404);

		// The sender sees the outcome on the file.
		await worker.goto(fileUrl('fr', '/orientations'));
		expect(await worker.locator('li[data-status="accepted"]').count()).toBe(1);
	}, 120_000);

	it('ends the receiver’s access when the consent is revoked, after a confirmation', async () => {
		await worker.goto(fileUrl('fr', '/consentements'));
		await worker.locator('a[data-testid^="revoke-"]').click();
		await worker.getByTestId('confirm-revoke').waitFor();
		await expectAccessible(worker);
		await worker.getByTestId('confirm-revoke').click();
		await worker.locator('.form-success').waitFor();
		expect(await worker.locator('li[data-state="revoked"]').count()).toBe(1);
		expect((await receiver.goto(fileUrl('ar')))!.status()).toBe(404);
		await worker.goto(fileUrl('fr', '/orientations'));
		expect(await worker.locator('li[data-status="accepted"]').textContent()).toContain(fr['pro.referrals.endReason.consent_revoked']);
		// The receiver's inbox keeps the outcome, without the person's name.
		await receiver.goto(`${server.url}/ar/pro/orientations`);
		expect(await receiver.locator('main').textContent()).not.toContain('Nour Exemple');
		await expectAccessible(receiver);
	}, 120_000);

	it('shows the Seraing ILI the referral Herstal sent it, in French', async () => {
		await worker.goto(`${server.url}/fr/pro/orientations`);
		expect(await worker.locator('li.card', { hasText: 'Samir Démo' }).count()).toBe(1);
		await expectAccessible(worker);
	}, 60_000);
});
