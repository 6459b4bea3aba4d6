import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { authThrottle } from './identity.table';

export type ThrottleRule = { limit: number; windowMs: number; lockMs: number };

/** Sign-in: an account locks for 30 minutes after 6 failures; one address after 30 in 15 minutes. */
export const accountRule: ThrottleRule = { limit: 6, windowMs: 30 * 60_000, lockMs: 30 * 60_000 };
export const addressRule: ThrottleRule = { limit: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Password-reset and invitation e-mails: 5 an hour per account or address. */
export const mailRule: ThrottleRule = { limit: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

export function createThrottle({ db }: { db: Database }) {
	/** The time until which `key` is locked, or null. */
	async function lockedUntil(key: string, now = new Date()): Promise<Date | null> {
		const [row] = await db.select().from(authThrottle).where(eq(authThrottle.key, key));
		return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
	}

	/** Counts one failure (or one use) in the rule's window; returns the lock end when it locks. */
	async function hit(key: string, rule: ThrottleRule, now = new Date()): Promise<Date | null> {
		const windowStart = new Date(now.getTime() - rule.windowMs);
		const lockEnd = new Date(now.getTime() + rule.lockMs);
		// One statement: concurrent failures cannot both read 5 and write 6.
		// Dates go in as ISO text with a cast: postgres.js does not serialise a bare Date parameter.
		const ws = sql`${windowStart.toISOString()}::timestamptz`;
		const n = sql`${now.toISOString()}::timestamptz`;
		const [row] = await db
			.insert(authThrottle)
			.values({ key, failures: 1, windowStartedAt: now })
			.onConflictDoUpdate({
				target: authThrottle.key,
				set: {
					failures: sql`case when ${authThrottle.windowStartedAt} < ${ws} then 1 else ${authThrottle.failures} + 1 end`,
					windowStartedAt: sql`case when ${authThrottle.windowStartedAt} < ${ws} then ${n} else ${authThrottle.windowStartedAt} end`
				}
			})
			.returning();
		if (row && row.failures >= rule.limit) {
			await db.update(authThrottle).set({ lockedUntil: lockEnd, failures: 0, windowStartedAt: now }).where(eq(authThrottle.key, key));
			return lockEnd;
		}
		return null;
	}

	async function clear(key: string): Promise<void> {
		await db.delete(authThrottle).where(eq(authThrottle.key, key));
	}

	return { lockedUntil, hit, clear };
}
