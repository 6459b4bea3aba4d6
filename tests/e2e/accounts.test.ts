import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpReceiver } from '../../src/lib/server/notify/smtp-receiver';
import { expectAccessible, launchBrowser, newPage } from './browser';
import { freePort, root, startServer, type RunningServer } from './server';

let browser: Browser;
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let dataDir: string;
const secrets: string[] = [];
const ADMIN_PASSWORD = 'admin passphrase for tests';

const totpFrom = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), digits: 6, period: 30 });
/** A code for the next 30-second step: the one used at set-up cannot be used again. */
const nextCode = (totp: TOTP) => totp.generate({ timestamp: Date.now() + 30_000 });
const catalogue = (l: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
const decodeHtml = (s: string) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const linkIn = (text: string) => /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(text)![0];

async function setUpSecondFactor(page: Page, { axe = false } = {}): Promise<{ totp: TOTP; recoveryCodes: string[] }> {
	await page.locator('form[action="?/start"] button').click();
	const secret = (await page.getByTestId('totp-secret').textContent())!;
	secrets.push(secret.replace(/\s/g, ''));
	if (axe) await expectAccessible(page);
	const totp = totpFrom(secret);
	const code = totp.generate();
	secrets.push(code);
	await page.locator('input[name="code"]').fill(code);
	await page.locator('form[action="?/confirm"] button').click();
	await page.getByTestId('recovery-codes').waitFor();
	expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
	const recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allTextContents();
	secrets.push(...recoveryCodes);
	if (axe) await expectAccessible(page);
	await page.locator('.notice a.button').click();
	return { totp, recoveryCodes };
}

beforeAll(async () => {
	browser = await launchBrowser();
	smtp = await startSmtpReceiver();
	dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-accounts-'));
	const port = await freePort();
	const env = { PASSERELLE_DATA_DIR: dataDir, PASSERELLE_DEMO: '0', PORT: String(port), ORIGIN: `http://127.0.0.1:${port}`, SMTP_URL: smtp.url, DATABASE_URL: '' };
	// The first platform admin of a new instance comes from the command line.
	const cli = spawnSync(process.execPath, ['build/cli/cli.js', 'create-admin', '--email', 'admin@cri.test', '--name', 'Ada Admin'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
	expect(cli.status, cli.stderr).toBe(0);
	const firstLink = linkIn(cli.stdout);
	secrets.push(firstLink.split('/').pop()!);
	server = await startServer(env);

	// The admin chooses a password, signs in, sets up the second factor and creates an organisation.
	const page = await newPage(browser);
	await page.goto(firstLink);
	await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
	await page.locator('input[name="confirm"]').fill(ADMIN_PASSWORD);
	await page.locator('form button[type="submit"]').last().click();
	await page.waitForURL(/\/fr\/pro\/connexion\?notice=reset/);
	await page.locator('input[name="email"]').fill('admin@cri.test');
	await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
	await page.locator('main form button[type="submit"]').click();
	await page.waitForURL(/\/fr\/pro$/);
	// Creating an organisation needs a second factor: the admin is sent to set it up.
	await page.goto(`${server.url}/fr/pro/organisations`);
	await page.locator('input[name="name"]').fill('Maison des Langues de Seraing');
	await page.locator('select[name="kind"]').selectOption('ili');
	await page.locator('select[name="nisCode"]').selectOption('62096');
	await page.locator('form[action="?/create"] button').click();
	await page.waitForURL(/compte\/securite/);
	await setUpSecondFactor(page);
	await page.goto(`${server.url}/fr/pro/organisations`);
	await page.locator('input[name="name"]').fill('Maison des Langues de Seraing');
	await page.locator('select[name="kind"]').selectOption('ili');
	await page.locator('select[name="nisCode"]').selectOption('62096');
	await page.locator('form[action="?/create"] button').click();
	await page.waitForURL(/\/fr\/pro\/organisations\/[0-9a-f-]{36}$/);
	(globalThis as { adminPage?: Page }).adminPage = page;
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await smtp?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['fr', 'ar'])('a new worker, in %s', (locale) => {
	it('is invited, accepts, sets a password and a second factor, signs in, and signs out everywhere', async () => {
		const admin = (globalThis as { adminPage?: Page }).adminPage!;
		const orgUrl = admin.url().replace('/fr/', `/${locale}/`);
		const email = `worker-${locale}@ili.test`;
		const password = `worker ${locale} passphrase`;
		secrets.push(password);

		// Invite, in the invitee's language.
		await admin.goto(`${orgUrl}/membres`);
		await expectAccessible(admin);
		await admin.locator('form[action="?/invite"] input[name="email"]').fill(email);
		await admin.locator('form[action="?/invite"] select[name="role"]').selectOption('worker');
		await admin.locator('form[action="?/invite"] select[name="locale"]').selectOption(locale);
		const before = smtp.messages.length;
		await admin.locator('form[action="?/invite"] button').click();
		await admin.locator('.form-success').waitFor();
		const mail = (await smtp.waitFor(before + 1))[before]!;
		expect(mail.language).toBe(locale);
		const link = linkIn(mail.text);
		secrets.push(link.split('/').pop()!);
		expect(link).toContain(`/${locale}/pro/invitation/`);

		// Accept: the page speaks the invitee's language.
		const page = await newPage(browser);
		await page.goto(link);
		expect(await page.locator('html').getAttribute('lang')).toBe(locale);
		await expectAccessible(page);
		await page.locator('input[name="name"]').fill(`Worker ${locale}`);
		await page.locator('input[name="password"]').fill(password);
		await page.locator('input[name="confirm"]').fill('not the same password');
		await page.locator('form[action="?/create"] button').click();
		// A mistake keeps the name typed and says what is wrong, in the page's language.
		expect(await page.locator('input[name="name"]').inputValue()).toBe(`Worker ${locale}`);
		expect(await page.locator('#f-confirm-error').count()).toBe(1);
		await expectAccessible(page);
		await page.locator('input[name="password"]').fill(password);
		await page.locator('input[name="confirm"]').fill(password);
		await page.locator('form[action="?/create"] button').click();
		await page.waitForURL(/compte\/securite\?welcome=1/);
		// The link worked once: opened again, it says so, in the invitee's language, with a 410.
		const reused = await fetch(link);
		expect(reused.status).toBe(410);
		expect(decodeHtml(await (await fetch(link)).text())).toContain(catalogue(locale)['pro.link.used']);

		// No second factor yet: case files stay closed.
		await page.goto(`${server.url}/${locale}/pro/dossiers`);
		await page.waitForURL(/compte\/securite/);
		const { totp, recoveryCodes } = await setUpSecondFactor(page, { axe: true });
		await page.goto(`${server.url}/${locale}/pro/dossiers`);
		expect(page.url()).toMatch(/\/pro\/dossiers$/);

		// Sign out, sign in again with password and code.
		await page.locator('.pro-nav form button').click();
		await page.waitForURL(/connexion\?notice=signed-out/);
		await expectAccessible(page);
		await page.locator('input[name="email"]').fill(email);
		await page.locator('input[name="password"]').fill(password);
		await page.locator('main form button[type="submit"]').click();
		await page.waitForURL(/connexion\/verification/);
		await expectAccessible(page);
		const code = nextCode(totp);
		secrets.push(code);
		await page.locator('input[name="code"]').fill(code);
		await page.locator('main form button[type="submit"]').click();
		await page.waitForURL(new RegExp(`/${locale}/pro$`));

		// A second device (its owner uses a recovery code), then "sign out everywhere" from the first ends both.
		const other = await newPage(browser);
		await other.goto(`${server.url}/${locale}/pro/connexion`);
		await other.locator('input[name="email"]').fill(email);
		await other.locator('input[name="password"]').fill(password);
		await other.locator('main form button[type="submit"]').click();
		await other.waitForURL(/connexion\/verification/);
		await other.locator('input[name="code"]').fill(recoveryCodes[0]!);
		await other.locator('main form button[type="submit"]').click();
		await other.waitForURL(new RegExp(`/${locale}/pro$`));

		await page.goto(`${server.url}/${locale}/pro/compte`);
		await expectAccessible(page);
		await page.locator('form[action="?/signOutEverywhere"] button').click();
		await page.waitForURL(/connexion\?notice=signed-out/);
		await other.goto(`${server.url}/${locale}/pro/compte`);
		await other.waitForURL(/\/pro\/connexion\?next=/);
		await page.context().close();
		await other.context().close();
	}, 120_000);
});

describe('logs', () => {
	it('never hold a password, a link token, a TOTP secret or a code', async () => {
		const log = server.stdout.join('\n') + server.stderr.join('\n');
		expect(secrets.length).toBeGreaterThan(20);
		for (const secret of [...secrets, ADMIN_PASSWORD]) expect(log.includes(secret), `log contains a secret`).toBe(false);
		expect(log).not.toMatch(/@ili\.test|@cri\.test/);
	});
});
