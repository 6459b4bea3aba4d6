import { hash, verify } from '@node-rs/argon2';
import { and, eq, isNull } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { recordAudit } from '../audit/audit.repository';
import { decrypt, encrypt, keyedHash, randomToken, sha256, type Keys } from '../crypto/crypto';
import type { Database } from '../db/client';
import { serverTranslator } from '../i18n/server-translator';
import type { Mailer } from '../notify/mailer';
import type { PlatformRole } from '../policy/policy';
import { createIdentityRepository, type UserAccount } from './identity.repository';
import { createInvitations } from './invitations.usecases';
import { passwordReset, recoveryCode, userAccount } from './identity.table';
import { createSessions, type SessionRow } from './sessions';
import { accountRule, addressRule, createThrottle, mailRule } from './throttle';

export const INVITATION_DAYS = 7;
export const RESET_MINUTES = 60;
export const FIRST_PASSWORD_HOURS = 48;
const ISSUER = 'Passerelle';

/** The request facts use-cases need; the IP address is only ever kept as a keyed hash. */
export type RequestContext = { ipHash: string; origin: string; device?: string | null };

export type AuthDeps = { db: Database; keys: Keys; mailer: Mailer };

// Verifying against this when the account does not exist keeps the answer time the same.
let dummyHash: Promise<string> | undefined;
/** Argon2id with OWASP's minimum parameters (19 MiB, 2 passes). */
export const hashPassword = (password: string) => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** A link into the pro space, for e-mails. */
export function proLink(ctx: RequestContext, locale: string, path: string): string {
	return `${ctx.origin}/${locale}/pro/${path}`;
}

export function createAuth({ db, keys, mailer }: AuthDeps) {
	const repo = createIdentityRepository({ db });
	const sessions = createSessions({ db });
	const throttle = createThrottle({ db });
	const accountKey = (email: string) => `acct:${keyedHash(keys.hmac, email.trim().toLowerCase())}`;
	const addressKey = (ctx: RequestContext) => `ip:${ctx.ipHash}`;

	async function checkPassword(user: UserAccount | null, password: string): Promise<boolean> {
		if (!user?.passwordHash) {
			dummyHash ??= hashPassword(randomToken());
			await verify(await dummyHash, password).catch(() => false);
			return false;
		}
		return verify(user.passwordHash, password).catch(() => false);
	}

	type SignInResult =
		| { ok: true; token: string; pendingSecondFactor: boolean; user: UserAccount }
		| { ok: false; reason: 'invalid' | 'locked' | 'throttled'; until?: Date };

	/**
	 * E-mail and password. The same answer for an unknown e-mail and a wrong password; an account
	 * locks for 30 minutes after 6 failures (even a right password is refused meanwhile), an
	 * address after 30 in 15 minutes. Every failure and success is audited.
	 */
	async function signIn(email: string, password: string, ctx: RequestContext): Promise<SignInResult> {
		const ipLock = await throttle.lockedUntil(addressKey(ctx));
		if (ipLock) return { ok: false, reason: 'throttled', until: ipLock };
		const user = await repo.users.byEmail(email);
		const acctLock = await throttle.lockedUntil(accountKey(email));
		if (acctLock) {
			await recordAudit(db, { actorUserId: null, action: 'auth.signin.refused', subjectType: 'user', subjectId: user?.id, ipHash: ctx.ipHash, details: { reason: 'locked' } });
			return { ok: false, reason: 'locked', until: acctLock };
		}
		const valid = (await checkPassword(user, password)) && user !== null && !user.disabledAt;
		if (!valid) {
			const locked = await throttle.hit(accountKey(email), accountRule);
			await throttle.hit(addressKey(ctx), addressRule);
			await recordAudit(db, {
				actorUserId: null,
				action: 'auth.signin.failed',
				subjectType: 'user',
				subjectId: user?.id,
				ipHash: ctx.ipHash,
				details: { reason: user ? 'password' : 'unknown_account', locked: locked !== null }
			});
			return locked ? { ok: false, reason: 'locked', until: locked } : { ok: false, reason: 'invalid' };
		}
		await throttle.clear(accountKey(email));
		const pendingSecondFactor = user.totpEnabledAt !== null;
		const { token, id } = await sessions.create(user.id, { pendingSecondFactor, device: ctx.device });
		await recordAudit(db, { actorUserId: user.id, action: 'auth.signin', subjectType: 'session', subjectId: id.slice(0, 12), ipHash: ctx.ipHash });
		return { ok: true, token, pendingSecondFactor, user };
	}

	function totpFor(user: UserAccount, secret: string) {
		return new TOTP({ issuer: ISSUER, label: user.email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
	}

	/** Checks a TOTP code (never the same time step twice) or consumes a recovery code. */
	async function checkSecondFactor(user: UserAccount, code: string): Promise<'totp' | 'recovery' | null> {
		const clean = code.replace(/[\s-]/g, '').toLowerCase();
		if (/^\d{6}$/.test(clean) && user.totpSecret) {
			const totp = totpFor(user, decrypt(keys.encryption, user.totpSecret));
			const delta = totp.validate({ token: clean, window: 1 });
			if (delta === null) return null;
			const step = Math.floor(Date.now() / 30_000) + delta;
			if (user.totpLastStep !== null && step <= user.totpLastStep) return null;
			await db.update(userAccount).set({ totpLastStep: step }).where(eq(userAccount.id, user.id));
			return 'totp';
		}
		if (/^[a-z0-9]{10}$/.test(clean)) {
			const used = await db
				.update(recoveryCode)
				.set({ usedAt: new Date() })
				.where(and(eq(recoveryCode.userId, user.id), eq(recoveryCode.codeHash, sha256(clean)), isNull(recoveryCode.usedAt)))
				.returning();
			return used.length ? 'recovery' : null;
		}
		return null;
	}

	type VerifyResult = { ok: true; token: string } | { ok: false; reason: 'invalid' | 'locked'; until?: Date };

	/** The second step of sign-in: on success the session gets a new id and counts as verified. */
	async function verifySecondFactor(current: SessionRow, code: string, ctx: RequestContext): Promise<VerifyResult> {
		const user = (await repo.users.byId(current.userId))!;
		const lock = await throttle.lockedUntil(accountKey(user.email));
		if (lock) {
			await sessions.remove(current.id);
			return { ok: false, reason: 'locked', until: lock };
		}
		const method = await checkSecondFactor(user, code);
		if (!method) {
			const locked = await throttle.hit(accountKey(user.email), accountRule);
			await recordAudit(db, { actorUserId: user.id, action: 'auth.second_factor.failed', subjectType: 'user', subjectId: user.id, ipHash: ctx.ipHash, details: { locked: locked !== null } });
			if (locked) {
				await sessions.remove(current.id);
				return { ok: false, reason: 'locked', until: locked };
			}
			return { ok: false, reason: 'invalid' };
		}
		await throttle.clear(accountKey(user.email));
		const rotated = (await sessions.rotate(current.id, { secondFactorAt: new Date(), pendingSecondFactor: false }))!;
		await recordAudit(db, { actorUserId: user.id, action: 'auth.second_factor', subjectType: 'user', subjectId: user.id, ipHash: ctx.ipHash, details: { method } });
		return { ok: true, token: rotated.token };
	}

	/** Starts (or restarts) TOTP set-up: a new secret, kept encrypted until a first code confirms it. */
	async function startTotp(user: UserAccount): Promise<{ secret: string; uri: string; qrSvg: string }> {
		const sealed = encrypt(keys.encryption, new Secret({ size: 20 }).base32);
		const updated = await repo.users.update(user.id, { totpPendingSecret: sealed });
		return (await pendingTotp(updated))!;
	}

	async function pendingTotp(user: UserAccount): Promise<{ secret: string; uri: string; qrSvg: string } | null> {
		if (!user.totpPendingSecret) return null;
		const secret = decrypt(keys.encryption, user.totpPendingSecret);
		const uri = totpFor(user, secret).toString();
		const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
		return { secret: secret.replace(/(.{4})/g, '$1 ').trim(), uri, qrSvg };
	}

	async function newRecoveryCodes(userId: string): Promise<string[]> {
		const codes = Array.from({ length: 10 }, () =>
			randomToken(12)
				.toLowerCase()
				.replace(/[^a-z0-9]/g, '')
				.slice(0, 10)
				.padEnd(10, '7')
		);
		await db.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
		await db.insert(recoveryCode).values(codes.map((c) => ({ userId, codeHash: sha256(c) })));
		return codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
	}

	type ConfirmResult = { ok: true; token: string; recoveryCodes: string[] } | { ok: false; reason: 'invalid' | 'not-started' };

	/** Confirms set-up with a first code: the factor is on, the session is verified and rotated. */
	async function confirmTotp(current: SessionRow, code: string, ctx: RequestContext): Promise<ConfirmResult> {
		const user = (await repo.users.byId(current.userId))!;
		if (!user.totpPendingSecret) return { ok: false, reason: 'not-started' };
		const secret = decrypt(keys.encryption, user.totpPendingSecret);
		const delta = totpFor(user, secret).validate({ token: code.replace(/\s/g, ''), window: 1 });
		if (delta === null) return { ok: false, reason: 'invalid' };
		const step = Math.floor(Date.now() / 30_000) + delta;
		await repo.users.update(user.id, { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step });
		const recoveryCodes = await newRecoveryCodes(user.id);
		const rotated = (await sessions.rotate(current.id, { secondFactorAt: new Date(), pendingSecondFactor: false }))!;
		await recordAudit(db, { actorUserId: user.id, action: 'account.second_factor.enabled', subjectType: 'user', subjectId: user.id, ipHash: ctx.ipHash });
		return { ok: true, token: rotated.token, recoveryCodes };
	}

	async function regenerateRecoveryCodes(userId: string, ctx: RequestContext): Promise<string[]> {
		const codes = await newRecoveryCodes(userId);
		await recordAudit(db, { actorUserId: userId, action: 'account.recovery_codes.regenerated', subjectType: 'user', subjectId: userId, ipHash: ctx.ipHash });
		return codes;
	}

	/** Changes the password after checking the current one; every other session of the account ends. */
	async function changePassword(current: SessionRow, oldPassword: string, newPassword: string, ctx: RequestContext): Promise<boolean> {
		const user = (await repo.users.byId(current.userId))!;
		if (!(await checkPassword(user, oldPassword))) {
			await throttle.hit(accountKey(user.email), accountRule);
			await recordAudit(db, { actorUserId: user.id, action: 'account.password.change_failed', subjectType: 'user', subjectId: user.id, ipHash: ctx.ipHash });
			return false;
		}
		await repo.users.update(user.id, { passwordHash: await hashPassword(newPassword) });
		await sessions.removeOthersFor(user.id, current.id);
		await recordAudit(db, { actorUserId: user.id, action: 'account.password.changed', subjectType: 'user', subjectId: user.id, ipHash: ctx.ipHash });
		return true;
	}

	async function signOut(current: SessionRow, ctx: RequestContext, everywhere = false): Promise<void> {
		if (everywhere) await sessions.removeAllFor(current.userId);
		else await sessions.remove(current.id);
		await recordAudit(db, { actorUserId: current.userId, action: everywhere ? 'auth.signout.everywhere' : 'auth.signout', subjectType: 'user', subjectId: current.userId, ipHash: ctx.ipHash });
	}


	/** Always answers the same, whether or not the account exists; 5 requests an hour at most. */
	async function requestPasswordReset(email: string, locale: string, ctx: RequestContext): Promise<'sent' | 'throttled'> {
		const key = `reset:${keyedHash(keys.hmac, email)}`;
		if ((await throttle.lockedUntil(key)) || (await throttle.lockedUntil(`reset-${addressKey(ctx)}`))) return 'throttled';
		await throttle.hit(key, mailRule);
		await throttle.hit(`reset-${addressKey(ctx)}`, mailRule);
		const user = await repo.users.byEmail(email);
		if (!user || user.disabledAt) return 'sent';
		const token = randomToken();
		await db.insert(passwordReset).values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000) });
		const t = serverTranslator(user.locale || locale);
		await mailer.send({
			to: user.email,
			locale: user.locale,
			kind: 'password-reset',
			subject: t('mail.reset.subject'),
			text: t('mail.reset.body', { name: user.name, link: proLink(ctx, user.locale, `mot-de-passe/${token}`), minutes: RESET_MINUTES })
		});
		await recordAudit(db, { actorUserId: null, action: 'auth.reset.requested', subjectType: 'user', subjectId: user.id, ipHash: ctx.ipHash });
		return 'sent';
	}

	async function findReset(token: string) {
		const [row] = await db.select().from(passwordReset).where(eq(passwordReset.tokenHash, sha256(token)));
		if (!row) return { status: 'invalid' as const };
		if (row.usedAt) return { status: 'used' as const };
		if (row.expiresAt <= new Date()) return { status: 'expired' as const };
		return { status: 'valid' as const, row };
	}

	/** Sets a new password from a reset link (single use); every session of the account ends. */
	async function resetPassword(token: string, password: string, ctx: RequestContext): Promise<'done' | 'invalid' | 'used' | 'expired'> {
		const found = await findReset(token);
		if (found.status !== 'valid') return found.status;
		const claimed = await db
			.update(passwordReset)
			.set({ usedAt: new Date() })
			.where(and(eq(passwordReset.tokenHash, found.row.tokenHash), isNull(passwordReset.usedAt)))
			.returning();
		if (!claimed.length) return 'used';
		await repo.users.update(found.row.userId, { passwordHash: await hashPassword(password) });
		await sessions.removeAllFor(found.row.userId);
		await throttle.clear(accountKey((await repo.users.byId(found.row.userId))!.email));
		await recordAudit(db, { actorUserId: found.row.userId, action: 'auth.reset.completed', subjectType: 'user', subjectId: found.row.userId, ipHash: ctx.ipHash });
		return 'done';
	}

	/**
	 * Bootstraps a platform admin (the CLI): the account exists without a password, and a link to
	 * choose one (valid 48 hours) is returned and e-mailed.
	 */
	async function createPlatformAdmin(values: { email: string; name: string; locale: string; roles?: PlatformRole[] }, ctx: RequestContext) {
		const existing = await repo.users.byEmail(values.email);
		const roles = values.roles ?? ['platform_admin'];
		const user = existing
			? await repo.users.update(existing.id, { platformRoles: [...new Set([...existing.platformRoles, ...roles])] })
			: await repo.users.create({ email: values.email, name: values.name, locale: values.locale, platformRoles: roles });
		const token = randomToken();
		await db.insert(passwordReset).values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + FIRST_PASSWORD_HOURS * 3_600_000) });
		await recordAudit(db, { actorUserId: null, action: 'account.platform_role.granted', subjectType: 'user', subjectId: user.id, details: { roles: roles.join(','), via: 'cli' } });
		const url = proLink(ctx, user.locale, `mot-de-passe/${token}`);
		const t = serverTranslator(user.locale);
		await mailer.send({ to: user.email, locale: user.locale, kind: 'first-password', subject: t('mail.firstPassword.subject'), text: t('mail.firstPassword.body', { name: user.name, link: url, hours: FIRST_PASSWORD_HOURS }) });
		return { user, link: url, created: !existing };
	}

	return {
		signIn,
		verifySecondFactor,
		startTotp,
		pendingTotp,
		confirmTotp,
		regenerateRecoveryCodes,
		changePassword,
		signOut,
		requestPasswordReset,
		findReset,
		resetPassword,
		...createInvitations({ db, keys, mailer }),
		createPlatformAdmin,
		sessions,
		hashPassword
	};
}

export type Auth = ReturnType<typeof createAuth>;
