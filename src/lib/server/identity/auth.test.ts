import { and, count, eq, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import { deriveKeys } from '../crypto/crypto';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createMailer } from '../notify/mailer';
import { startSmtpReceiver } from '../notify/smtp-receiver';
import { createAuth, type RequestContext } from './auth.usecases';
import { createIdentityRepository } from './identity.repository';
import { authThrottle, session } from './identity.table';
import { ABSOLUTE_MS, IDLE_MS } from './sessions';

let handle: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let auth: ReturnType<typeof createAuth>;
let repo: ReturnType<typeof createIdentityRepository>;
const ctx: RequestContext = { ipHash: 'ip-test', origin: 'https://passerelle.test', device: 'Firefox · Linux' };
const PASSWORD = 'correct horse battery';

const linkIn = (text: string) => /https:\/\/passerelle\.test\/\S+/.exec(text)![0];
const tokenIn = (text: string) => linkIn(text).split('/').pop()!;
const audits = async (action: string) =>
	(await handle.db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;

beforeAll(async () => {
	handle = await freshDatabase();
	smtp = await startSmtpReceiver();
	const mailer = createMailer({ db: handle.db, smtpUrl: smtp.url, from: 'Passerelle <no-reply@passerelle.test>' });
	auth = createAuth({ db: handle.db, keys: deriveKeys('x'.repeat(40)), mailer });
	repo = createIdentityRepository({ db: handle.db });
});
afterAll(async () => {
	await smtp?.close();
	await handle?.close();
});

async function makeUser(email: string, extra: Partial<{ locale: string }> = {}) {
	const user = await repo.users.create({ email, name: 'Test Person', locale: extra.locale ?? 'fr', passwordHash: await auth.hashPassword(PASSWORD) });
	return user;
}

describe('signing in', () => {
	it('opens a session with the right password, and the cookie token is not what the database keeps', async () => {
		const user = await makeUser('worker@ili.test');
		const result = await auth.signIn(' Worker@ILI.test ', PASSWORD, ctx);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const rows = await handle.db.select().from(session).where(eq(session.userId, user.id));
		expect(rows).toHaveLength(1);
		expect(rows[0]!.id).not.toBe(result.token);
		expect((await auth.sessions.resolve(result.token))?.actor.email).toBe('worker@ili.test');
	});

	it('answers a wrong password and an unknown address the same way', async () => {
		await makeUser('someone@ili.test');
		expect(await auth.signIn('someone@ili.test', 'wrong password!!', ctx)).toEqual({ ok: false, reason: 'invalid' });
		expect(await auth.signIn('nobody-here@ili.test', 'wrong password!!', ctx)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('locks an account after 6 failures: twenty tries are refused, the right password too, until the lock expires', async () => {
		const user = await makeUser('target@ili.test');
		const answers: string[] = [];
		for (let i = 0; i < 20; i++) {
			const r = await auth.signIn('target@ili.test', `guess-${i}-password`, { ...ctx, ipHash: `ip-${i}` });
			answers.push(r.ok ? 'ok' : r.reason);
		}
		expect(answers).toEqual([...Array(5).fill('invalid'), ...Array(15).fill('locked')]);
		const locked = await auth.signIn('target@ili.test', PASSWORD, { ...ctx, ipHash: 'ip-other' });
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });
		if (!locked.ok) expect(locked.until!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);

		const failed = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, user.id), eq(auditEvent.action, 'auth.signin.failed')));
		const refused = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, user.id), eq(auditEvent.action, 'auth.signin.refused')));
		expect(failed).toHaveLength(6);
		expect(failed.at(-1)!.details).toMatchObject({ reason: 'password', locked: true });
		expect(refused).toHaveLength(15);

		// The lock expires: move it into the past, as 30 minutes would.
		await handle.db.update(authThrottle).set({ lockedUntil: new Date(Date.now() - 1000) }).where(sql`${authThrottle.key} like 'acct:%'`);
		expect((await auth.signIn('target@ili.test', PASSWORD, { ...ctx, ipHash: 'ip-other' })).ok).toBe(true);
	});

	it('throttles one address trying many accounts', async () => {
		const from = { ...ctx, ipHash: 'ip-spray' };
		let last;
		for (let i = 0; i < 31; i++) last = await auth.signIn(`spray-${i}@ili.test`, 'wrong password!!', from);
		expect(last).toMatchObject({ ok: false, reason: 'throttled' });
	});
});

describe('sessions', () => {
	it('end after 30 idle minutes, and 12 hours after sign-in whatever happens', async () => {
		const user = await makeUser('sessions@ili.test');
		const idle = await auth.sessions.create(user.id);
		await handle.db.update(session).set({ lastSeenAt: new Date(Date.now() - IDLE_MS - 1000) }).where(eq(session.id, idle.id));
		expect(await auth.sessions.resolve(idle.token)).toBeNull();

		const old = await auth.sessions.create(user.id, {}, new Date(Date.now() - ABSOLUTE_MS + 60_000));
		await handle.db.update(session).set({ lastSeenAt: new Date() }).where(eq(session.id, old.id));
		expect(await auth.sessions.resolve(old.token)).not.toBeNull();
		await handle.db.update(session).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(session.id, old.id));
		expect(await auth.sessions.resolve(old.token)).toBeNull();
	});
});

describe('second factor', () => {
	it('is set up with a first code, then required at sign-in; a code works once; a recovery code works once', async () => {
		const user = await makeUser('totp@ili.test');
		const first = await auth.signIn('totp@ili.test', PASSWORD, ctx);
		if (!first.ok) throw new Error('sign-in failed');
		expect(first.pendingSecondFactor).toBe(false);
		const s1 = (await auth.sessions.resolve(first.token))!.session;

		const setup = await auth.startTotp((await repo.users.byId(user.id))!);
		expect(setup.qrSvg).toContain('<svg');
		const totp = new TOTP({ secret: Secret.fromBase32(setup.secret.replace(/\s/g, '')), digits: 6, period: 30 });
		expect((await auth.confirmTotp(s1, '000000', ctx)).ok).toBe(totp.generate() === '000000');
		const confirmed = await auth.confirmTotp(s1, totp.generate(), ctx);
		if (!confirmed.ok) throw new Error('confirm failed');
		expect(confirmed.recoveryCodes).toHaveLength(10);
		// The session was rotated: the old token opens nothing, the new one is verified.
		expect(await auth.sessions.resolve(first.token)).toBeNull();
		expect((await auth.sessions.resolve(confirmed.token))!.actor.secondFactorPassed).toBe(true);

		const second = await auth.signIn('totp@ili.test', PASSWORD, ctx);
		if (!second.ok) throw new Error('sign-in failed');
		expect(second.pendingSecondFactor).toBe(true);
		const pending = (await auth.sessions.resolve(second.token))!.session;
		// The code accepted at set-up cannot be replayed.
		expect(await auth.verifySecondFactor(pending, totp.generate(), ctx)).toMatchObject({ ok: false, reason: 'invalid' });
		const recovery = confirmed.recoveryCodes[0]!;
		const viaRecovery = await auth.verifySecondFactor(pending, recovery, ctx);
		expect(viaRecovery.ok).toBe(true);

		const third = await auth.signIn('totp@ili.test', PASSWORD, ctx);
		if (!third.ok) throw new Error('sign-in failed');
		const pending3 = (await auth.sessions.resolve(third.token))!.session;
		expect(await auth.verifySecondFactor(pending3, recovery, ctx)).toMatchObject({ ok: false, reason: 'invalid' });
		expect(await audits('auth.second_factor.failed')).toBeGreaterThanOrEqual(2);
		expect(await audits('account.second_factor.enabled')).toBe(1);
	});
});

describe('invitations and reset links, through a real SMTP server', () => {
	it('an invitation e-mail in the invitee’s language opens an account, once', async () => {
		const org = await repo.organisations.create({ name: 'Maison des Langues', kind: 'ili', nisCode: '62096' });
		const inviter = await makeUser('boss@ili.test');
		const before = smtp.messages.length;
		await auth.invite(org, { userId: inviter.id, name: 'Boss' }, { email: 'new.worker@ili.test', role: 'worker', locale: 'ar' }, ctx);
		const mail = (await smtp.waitFor(before + 1))[before]!;
		expect(mail.to).toContain('new.worker@ili.test');
		expect(mail.language).toBe('ar');
		expect(mail.subject).toContain('Maison des Langues');
		expect(mail.text).toMatch(/[\u0600-\u06FF]/);
		const token = tokenIn(mail.text);

		const accepted = await auth.acceptInvitation(token, { name: 'Nouvelle Personne', password: 'another good password', locale: 'ar' }, ctx);
		expect(accepted.ok).toBe(true);
		const created = (await repo.users.byEmail('new.worker@ili.test'))!;
		expect((await repo.members.of(org.id)).map((m) => [m.userId, m.role])).toContainEqual([created.id, 'worker']);
		expect(await auth.acceptInvitation(token, { name: 'Again', password: 'another good password', locale: 'ar' }, ctx)).toEqual({ ok: false, reason: 'used' });
		expect(await auth.acceptInvitation('not-a-token', { name: 'X', password: 'another good password', locale: 'fr' }, ctx)).toEqual({ ok: false, reason: 'invalid' });
		// The outbox keeps no link once the message left.
		const outboxBodies = await handle.db.execute(sql`select body_text from outbox where kind = 'invitation'`);
		expect(JSON.stringify(outboxBodies)).not.toContain(token);
	});

	it('an expired invitation is refused', async () => {
		const org = await repo.organisations.create({ name: 'CISP Test', kind: 'cisp', nisCode: '61031' });
		const inviter = await makeUser('boss2@ili.test');
		const before = smtp.messages.length;
		await auth.invite(org, { userId: inviter.id, name: 'Boss' }, { email: 'late@ili.test', role: 'reader', locale: 'fr' }, ctx);
		const token = tokenIn((await smtp.waitFor(before + 1))[before]!.text);
		await handle.db.execute(sql`update invitation set expires_at = now() - interval '1 minute' where email = 'late@ili.test'`);
		expect(await auth.acceptInvitation(token, { name: 'Late', password: 'another good password', locale: 'fr' }, ctx)).toEqual({ ok: false, reason: 'expired' });
	});

	it('a reset link changes the password once and ends every session', async () => {
		const user = await makeUser('forgetful@ili.test', { locale: 'uk' });
		const signedIn = await auth.signIn('forgetful@ili.test', PASSWORD, ctx);
		const before = smtp.messages.length;
		expect(await auth.requestPasswordReset('forgetful@ili.test', 'fr', ctx)).toBe('sent');
		expect(await auth.requestPasswordReset('nobody-at-all@ili.test', 'fr', ctx)).toBe('sent');
		const mails = await smtp.waitFor(before + 1);
		await new Promise((r) => setTimeout(r, 200));
		expect(smtp.messages.length).toBe(before + 1);
		const mail = mails[before]!;
		expect(mail.language).toBe('uk');
		const token = tokenIn(mail.text);
		expect(await auth.resetPassword(token, 'a brand new passphrase', ctx)).toBe('done');
		expect(await auth.resetPassword(token, 'yet another passphrase', ctx)).toBe('used');
		if (signedIn.ok) expect(await auth.sessions.resolve(signedIn.token)).toBeNull();
		expect((await auth.signIn('forgetful@ili.test', 'a brand new passphrase', ctx)).ok).toBe(true);
		expect(await audits('auth.reset.completed')).toBe(1);
		expect(user.id).toBeTruthy();
	});
});

describe('audit trail', () => {
	it('refuses updates, deletes and truncation', async () => {
		const reason = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message);
		expect(await reason(handle.db.execute(sql`update audit_event set action = 'x'`))).toMatch(/append-only: UPDATE refused/);
		expect(await reason(handle.db.execute(sql`delete from audit_event`))).toMatch(/append-only: DELETE refused/);
		expect(await reason(handle.db.execute(sql`truncate audit_event`))).toMatch(/append-only: TRUNCATE refused/);
		expect(await audits('auth.signin')).toBeGreaterThan(0);
	});
});
