import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import { randomToken, sha256 } from '../crypto/crypto';
import type { Database } from '../db/client';
import { serverTranslator } from '../i18n/server-translator';
import type { OrganisationRole } from '../policy/policy';
import { hashPassword, INVITATION_DAYS, proLink, type AuthDeps, type RequestContext } from './auth.usecases';
import { createIdentityRepository, type Organisation } from './identity.repository';
import { invitation } from './identity.table';
import { createSessions } from './sessions';
import { createThrottle } from './throttle';

/** Invitations into an organisation: sent in the invitee's language, single use, expiring. */
export function createInvitations({ db, mailer }: AuthDeps) {
	const repo = createIdentityRepository({ db });
	const sessions = createSessions({ db });
	const throttle = createThrottle({ db });

	/** Invites an e-mail address into an organisation with a role; the e-mail is in `locale`. */
	async function invite(
		org: Organisation,
		inviter: { userId: string; name: string },
		values: { email: string; role: OrganisationRole; locale: string },
		ctx: RequestContext
	): Promise<{ ok: true } | { ok: false; reason: 'throttled' }> {
		const key = `invite:${inviter.userId}`;
		if (await throttle.lockedUntil(key)) return { ok: false, reason: 'throttled' };
		await throttle.hit(key, { limit: 50, windowMs: 60 * 60_000, lockMs: 60 * 60_000 });
		const token = randomToken();
		const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
		await db.transaction(async (tx) => {
			// A newer invitation for the same address replaces the older ones.
			await tx
				.update(invitation)
				.set({ revokedAt: new Date() })
				.where(and(eq(invitation.organisationId, org.id), eq(invitation.email, values.email), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)));
			const [row] = await tx
				.insert(invitation)
				.values({ tokenHash: sha256(token), email: values.email, organisationId: org.id, role: values.role, locale: values.locale, invitedBy: inviter.userId, expiresAt })
				.returning({ id: invitation.id });
			await recordAudit(tx as unknown as Database, {
				actorUserId: inviter.userId,
				organisationId: org.id,
				action: 'organisation.member.invited',
				subjectType: 'invitation',
				subjectId: row!.id,
				ipHash: ctx.ipHash,
				details: { role: values.role }
			});
		});
		const t = serverTranslator(values.locale);
		await mailer.send({
			to: values.email,
			locale: values.locale,
			kind: 'invitation',
			subject: t('mail.invitation.subject', { organisation: org.name }),
			text: t('mail.invitation.body', {
				inviter: inviter.name,
				organisation: org.name,
				role: t(`pro.role.${values.role}`),
				link: proLink(ctx, values.locale, `invitation/${token}`),
				days: INVITATION_DAYS
			})
		});
		return { ok: true };
	}

	async function findInvitation(token: string) {
		const row = await repo.invitations.byTokenHash(sha256(token));
		if (!row || row.revokedAt) return { status: 'invalid' as const };
		if (row.acceptedAt) return { status: 'used' as const };
		if (row.expiresAt <= new Date()) return { status: 'expired' as const };
		const org = (await repo.organisations.byId(row.organisationId))!;
		const existing = await repo.users.byEmail(row.email);
		return { status: 'valid' as const, invitation: row, organisation: org, existingUser: existing };
	}

	/** Claims the invitation once (a second, concurrent use finds it already accepted). */
	async function claimInvitation(tx: Database, id: string) {
		return tx
			.update(invitation)
			.set({ acceptedAt: new Date() })
			.where(and(eq(invitation.id, id), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
			.returning();
	}

	type AcceptResult = { ok: true; token: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' | 'existing-account' };

	/** A new person accepts: account, password, membership and a first session, all at once. */
	async function acceptInvitation(token: string, values: { name: string; password: string; locale: string }, ctx: RequestContext): Promise<AcceptResult> {
		const found = await findInvitation(token);
		if (found.status !== 'valid') return { ok: false, reason: found.status };
		if (found.existingUser) return { ok: false, reason: 'existing-account' };
		const passwordHash = await hashPassword(values.password);
		const userId = await db.transaction(async (tx) => {
			const claimed = await claimInvitation(tx as unknown as Database, found.invitation.id);
			if (!claimed.length) return null;
			const txRepo = createIdentityRepository({ db: tx as unknown as Database });
			const user = await txRepo.users.create({ email: found.invitation.email, name: values.name, locale: values.locale, passwordHash });
			await txRepo.members.add(user.id, found.organisation.id, found.invitation.role as OrganisationRole);
			await recordAudit(tx as unknown as Database, {
				actorUserId: user.id,
				organisationId: found.organisation.id,
				action: 'organisation.member.joined',
				subjectType: 'user',
				subjectId: user.id,
				ipHash: ctx.ipHash,
				details: { role: found.invitation.role, invitation: found.invitation.id }
			});
			return user.id;
		});
		if (!userId) return { ok: false, reason: 'used' };
		const { token: sessionToken } = await sessions.create(userId, { device: ctx.device });
		return { ok: true, token: sessionToken };
	}

	/** A signed-in person whose e-mail was invited joins the organisation. */
	async function joinInvitation(token: string, userId: string, ctx: RequestContext): Promise<{ ok: true; organisationId: string } | { ok: false; reason: 'invalid' | 'used' | 'expired' | 'other-account' }> {
		const found = await findInvitation(token);
		if (found.status !== 'valid') return { ok: false, reason: found.status };
		if (found.existingUser?.id !== userId) return { ok: false, reason: 'other-account' };
		const ok = await db.transaction(async (tx) => {
			const claimed = await claimInvitation(tx as unknown as Database, found.invitation.id);
			if (!claimed.length) return false;
			await createIdentityRepository({ db: tx as unknown as Database }).members.add(userId, found.organisation.id, found.invitation.role as OrganisationRole);
			await recordAudit(tx as unknown as Database, {
				actorUserId: userId,
				organisationId: found.organisation.id,
				action: 'organisation.member.joined',
				subjectType: 'user',
				subjectId: userId,
				ipHash: ctx.ipHash,
				details: { role: found.invitation.role, invitation: found.invitation.id }
			});
			return true;
		});
		return ok ? { ok: true, organisationId: found.organisation.id } : { ok: false, reason: 'used' };
	}


	return { invite, findInvitation, acceptInvitation, joinInvitation };
}
