import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { checkRegister, type RegisterRowInput, type RowProblem } from './courses.attendance.schemas';
import { registerRows, type RegisterRow } from './courses.attendance.repository';
import { attendance, courseSession } from './courses.table';
import type { SessionRow } from './load-course';

/**
 * A session's register: who is on it, recording it (present / absent / excused and the time
 * attended), locking it. Saving replaces the rows of the (session, enrolment) keys: saving twice
 * counts once. Refused with nothing stored: a session not yet started, cancelled, or locked; more
 * time than the session lasts; a trainee not on the register.
 */

export type Who = { userId: string; organisationId: string; ipHash?: string | null };

/** Why a register cannot be recorded now (null: it can). */
export type RegisterClosed = 'notYetHeld' | 'cancelled' | 'locked';
export function registerClosed(session: Pick<SessionRow, 'startsAt' | 'status' | 'lockedAt'>, now: Date): RegisterClosed | null {
	if (session.status === 'cancelled') return 'cancelled';
	if (session.startsAt.getTime() > now.getTime()) return 'notYetHeld';
	if (session.lockedAt) return 'locked';
	return null;
}

export type SaveResult =
	| { ok: true; counts: { present: number; absent: number; excused: number; minutes: number } }
	| { ok: false; reason: RegisterClosed }
	| { ok: false; reason: 'invalid'; errors: Record<string, RowProblem>; notOnRegister: boolean };

export function createAttendance({ db, autoLockDays = 0 }: { db: Database; autoLockDays?: number }) {
	const audit = (tx: Database, who: Who, session: Pick<SessionRow, 'id' | 'courseId'>, action: string, details: Record<string, string | number | boolean | null> = {}) =>
		recordAudit(tx, { actorUserId: who.userId, organisationId: who.organisationId, action, subjectType: 'course_session', subjectId: session.id, ipHash: who.ipHash ?? null, details: { courseId: session.courseId, ...details } });

	/**
	 * With REGISTER_AUTOLOCK_DAYS set: a saved register whose session ended more than that many
	 * days ago is locked (by nobody) the next time it is opened. Returns the session as it is now.
	 */
	async function autoLock(tx: Database, session: SessionRow, now: Date): Promise<SessionRow> {
		if (autoLockDays <= 0 || session.lockedAt || !session.registerSavedAt) return session;
		if (session.endsAt.getTime() > now.getTime() - autoLockDays * 86_400_000) return session;
		const [locked] = await tx
			.update(courseSession)
			.set({ lockedAt: now, lockedBy: null, updatedAt: now })
			.where(and(eq(courseSession.id, session.id), isNull(courseSession.lockedAt), lt(courseSession.endsAt, new Date(now.getTime() - autoLockDays * 86_400_000))))
			.returning();
		if (locked) await recordAudit(tx, { actorUserId: null, action: 'course_session.register_autolocked', subjectType: 'course_session', subjectId: session.id, details: { courseId: session.courseId, days: autoLockDays } });
		return locked ?? session;
	}

	/** The register as the page shows it (a read of people: audited, counts only). */
	async function view(session: SessionRow, who: Who, now = new Date()): Promise<{ session: SessionRow; rows: RegisterRow[] }> {
		return db.transaction(async (tx) => {
			const current = await autoLock(tx, session, now);
			const rows = await registerRows(tx, current);
			await audit(tx, who, current, 'course_session.register_viewed', { trainees: rows.length });
			return { session: current, rows };
		});
	}

	/** Records the register in one transaction (the session row locked meanwhile). */
	async function save(sessionId: string, input: RegisterRowInput[], who: Who, now = new Date()): Promise<SaveResult> {
		return db.transaction(async (tx) => {
			const [found] = await tx.select().from(courseSession).where(eq(courseSession.id, sessionId)).for('update');
			if (!found) return { ok: false as const, reason: 'cancelled' as const };
			const session = await autoLock(tx, found, now);
			const closed = registerClosed(session, now);
			if (closed) return { ok: false as const, reason: closed };
			const rows = await registerRows(tx, session);
			const checked = checkRegister(input, rows.map((r) => r.enrolmentId), session.minutes);
			if (!checked.ok) return { ok: false as const, reason: 'invalid' as const, errors: checked.errors, notOnRegister: checked.notOnRegister };
			if (checked.entries.length) {
				await tx
					.insert(attendance)
					.values(checked.entries.map((e) => ({ sessionId: session.id, enrolmentId: e.enrolmentId, status: e.status, minutes: e.minutes, recordedBy: who.userId, recordedAt: now })))
					.onConflictDoUpdate({
						target: [attendance.sessionId, attendance.enrolmentId],
						set: { status: sql`excluded.status`, minutes: sql`excluded.minutes`, recordedBy: sql`excluded.recorded_by`, recordedAt: sql`excluded.recorded_at` }
					});
			}
			await tx.update(courseSession).set({ registerSavedAt: now, registerSavedBy: who.userId, updatedAt: now }).where(eq(courseSession.id, session.id));
			const count = (s: string) => checked.entries.filter((e) => e.status === s).length;
			const counts = { present: count('present'), absent: count('absent'), excused: count('excused'), minutes: checked.entries.reduce((n, e) => n + e.minutes, 0) };
			await audit(tx, who, session, 'course_session.register_saved', { trainees: checked.entries.length, ...counts });
			return { ok: true as const, counts };
		});
	}

	/** Locks (or unlocks) a held session's register. Refused for a session not yet held or cancelled; idempotent otherwise. */
	async function setLocked(sessionId: string, locked: boolean, who: Who, now = new Date()): Promise<{ ok: true } | { ok: false; reason: 'notYetHeld' | 'cancelled' }> {
		return db.transaction(async (tx) => {
			const [session] = await tx.select().from(courseSession).where(eq(courseSession.id, sessionId)).for('update');
			if (!session || session.status === 'cancelled') return { ok: false as const, reason: 'cancelled' as const };
			if (session.startsAt.getTime() > now.getTime()) return { ok: false as const, reason: 'notYetHeld' as const };
			if (Boolean(session.lockedAt) === locked) return { ok: true as const };
			await tx
				.update(courseSession)
				.set(locked ? { lockedAt: now, lockedBy: who.userId, updatedAt: now } : { lockedAt: null, lockedBy: null, updatedAt: now })
				.where(eq(courseSession.id, session.id));
			await audit(tx, who, session, locked ? 'course_session.register_locked' : 'course_session.register_unlocked');
			return { ok: true as const };
		});
	}

	return { view, save, lock: (id: string, who: Who, now?: Date) => setLocked(id, true, who, now), unlock: (id: string, who: Who, now?: Date) => setLocked(id, false, who, now) };
}

export { traineeHours } from './courses.attendance.repository';
export type { TraineeHours } from './courses.attendance.repository';
