import { and, eq, gt, lt, ne, or } from 'drizzle-orm';
import { randomToken, sha256 } from '../crypto/crypto';
import type { Database } from '../db/client';
import type { Actor, OrganisationRole, PlatformRole } from '../policy/policy';
import { membership, organisation, session, userAccount } from './identity.table';

/** Pro-space sessions end after 30 minutes without a request, and 12 hours after sign-in at the latest. */
export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
export const SESSION_COOKIE = 'passerelle_session';

export type SessionRow = typeof session.$inferSelect;

export function createSessions({ db }: { db: Database }) {
	async function create(
		userId: string,
		{ pendingSecondFactor = false, secondFactorAt = null, device = null }: { pendingSecondFactor?: boolean; secondFactorAt?: Date | null; device?: string | null } = {},
		now = new Date()
	): Promise<{ token: string; id: string }> {
		const token = randomToken();
		const id = sha256(token);
		await db.insert(session).values({
			id,
			userId,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: new Date(now.getTime() + ABSOLUTE_MS),
			pendingSecondFactor,
			secondFactorAt,
			device
		});
		return { token, id };
	}

	/**
	 * The actor behind a cookie token, or null when the session does not exist, idled out or
	 * expired (then it is deleted). Memberships are read on each request, so a role change applies
	 * at once. last_seen_at is written at most once a minute.
	 */
	async function resolve(token: string, now = new Date()): Promise<{ actor: Extract<Actor, { kind: 'user' }>; session: SessionRow } | null> {
		const id = sha256(token);
		const [row] = await db
			.select({ s: session, u: userAccount })
			.from(session)
			.innerJoin(userAccount, eq(userAccount.id, session.userId))
			.where(eq(session.id, id));
		if (!row) return null;
		const idle = now.getTime() - row.s.lastSeenAt.getTime() > IDLE_MS;
		if (idle || row.s.expiresAt <= now || row.u.disabledAt) {
			await db.delete(session).where(eq(session.id, id));
			return null;
		}
		if (now.getTime() - row.s.lastSeenAt.getTime() > 60_000) {
			await db.update(session).set({ lastSeenAt: now }).where(eq(session.id, id));
		}
		const roles = await db
			.select({ organisationId: membership.organisationId, role: membership.role, kind: organisation.kind })
			.from(membership)
			.innerJoin(organisation, eq(organisation.id, membership.organisationId))
			.where(eq(membership.userId, row.u.id));
		return {
			session: row.s,
			actor: {
				kind: 'user',
				userId: row.u.id,
				sessionId: id,
				name: row.u.name,
				email: row.u.email,
				locale: row.u.locale,
				platformRoles: new Set(row.u.platformRoles as PlatformRole[]),
				memberships: new Map(roles.map((m) => [m.organisationId, m.role as OrganisationRole])),
				organisationKinds: new Map(roles.map((m) => [m.organisationId, m.kind])),
				hasSecondFactor: row.u.totpEnabledAt !== null,
				secondFactorPassed: row.s.secondFactorAt !== null
			}
		};
	}

	/** Replaces a session by a new id (after the second factor, or any change of privilege). */
	async function rotate(oldId: string, changes: { secondFactorAt?: Date; pendingSecondFactor?: boolean }, now = new Date()) {
		const [old] = await db.select().from(session).where(eq(session.id, oldId));
		if (!old) return null;
		const token = randomToken();
		const id = sha256(token);
		await db.transaction(async (tx) => {
			await tx.delete(session).where(eq(session.id, oldId));
			await tx.insert(session).values({ ...old, ...changes, id, lastSeenAt: now });
		});
		return { token, id };
	}

	const remove = (id: string) => db.delete(session).where(eq(session.id, id));
	const removeAllFor = (userId: string) => db.delete(session).where(eq(session.userId, userId)).returning({ id: session.id });
	const removeOthersFor = (userId: string, keepId: string) => db.delete(session).where(and(eq(session.userId, userId), ne(session.id, keepId)));
	const listFor = (userId: string, now = new Date()) =>
		db
			.select()
			.from(session)
			.where(and(eq(session.userId, userId), gt(session.expiresAt, now), gt(session.lastSeenAt, new Date(now.getTime() - IDLE_MS))));
	/** Deletes sessions that expired or idled out (run now and then). */
	const purge = (now = new Date()) =>
		db.delete(session).where(or(lt(session.expiresAt, now), lt(session.lastSeenAt, new Date(now.getTime() - IDLE_MS))));

	return { create, resolve, rotate, remove, removeAllFor, removeOthersFor, listFor, purge };
}

export type Sessions = ReturnType<typeof createSessions>;
