import { and, asc, desc, eq, lt, notInArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { organisation } from '../../identity/identity.table';
import { logger } from '../../log/logger';
import { courseRequestsDue, eraseEndedCourseRequests } from '../../courses/courses.retention';
import { caseFile } from '../cases.table';
import { afterErasure, anonymiseLocked } from './anonymise.usecases';
import { retentionRun } from './retention.table';

/**
 * Retention: a closed file is anonymised once `years` have passed since it was closed. A daily
 * job does it (scheduleRetention, started by the runtime in every process): the first process to
 * claim the day's run row runs it, the others skip; inside a run each file is claimed with
 * `FOR UPDATE SKIP LOCKED` and anonymised in its own transaction, so two runs at once never work
 * on the same file and a second run finds nothing left to do. A file whose erasure fails is left
 * as it was and counted; the next day tries again. Each run reports counts only: a log line, an
 * audit row 'retention.run', and its retention_run row (shown to platform admins). The same run
 * strips the course requests made without a file that ended before the same cutoff
 * (courses/courses.retention.ts).
 */
export type RetentionReport = { runId: string; trigger: 'scheduled' | 'cli'; years: number; cutoff: Date; anonymised: number; failed: number; courseRequestsErased: number };

/** The moment before which a closed file is due: `years` calendar years before now. */
export function retentionCutoff(now: Date, years: number): Date {
	const cutoff = new Date(now);
	cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
	return cutoff;
}

const due = (cutoff: Date) => and(eq(caseFile.status, 'closed'), lt(caseFile.closedAt, cutoff));

/**
 * What the next run would do: the files it would anonymise (ids, owner and closing date: nothing
 * about the person), and how many course requests made without a file it would strip.
 */
export async function filesDueForRetention(db: Database, { now, years, limit = 1000 }: { now: Date; years: number; limit?: number }) {
	const cutoff = retentionCutoff(now, years);
	const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(caseFile).where(due(cutoff));
	const files = await db
		.select({ id: caseFile.id, ownerOrganisationId: caseFile.ownerOrganisationId, ownerName: organisation.name, closedAt: caseFile.closedAt })
		.from(caseFile)
		.innerJoin(organisation, eq(organisation.id, caseFile.ownerOrganisationId))
		.where(due(cutoff))
		.orderBy(asc(caseFile.closedAt))
		.limit(limit);
	return { cutoff, total, files, courseRequests: await courseRequestsDue(db, cutoff) };
}

/** Anonymises every due file, one transaction each; a file that fails is skipped and counted. */
async function anonymiseDue(db: Database, cutoff: Date, now: Date): Promise<{ anonymised: number; failed: number }> {
	let anonymised = 0;
	const failedIds: string[] = [];
	for (;;) {
		let claimed: string | null = null;
		const knownFailures = failedIds.length;
		try {
			claimed = await db.transaction(async (transaction) => {
				const tx = transaction as unknown as Database;
				const conditions = failedIds.length ? and(due(cutoff), notInArray(caseFile.id, failedIds)) : due(cutoff);
				const [file] = await tx.select().from(caseFile).where(conditions).orderBy(asc(caseFile.closedAt)).limit(1).for('update', { skipLocked: true });
				if (!file) return null;
				// Remembered before the work: a failure below names the file to skip on the next claim.
				failedIds.push(file.id);
				await anonymiseLocked(tx, file, { actorUserId: null, ipHash: null, purpose: 'retention', now });
				failedIds.pop();
				return file.id;
			});
		} catch (error) {
			logger.warn({ err: (error as Error).name }, 'retention: a file could not be anonymised');
			// The claim itself failed (the database is gone): stop here, the next run goes on.
			if (failedIds.length === knownFailures) break;
			continue;
		}
		if (claimed === null) break;
		anonymised++;
		await afterErasure(db, claimed);
	}
	return { anonymised, failed: failedIds.length };
}

/** Runs retention now and reports it (a log line, an audit row, the run's row). */
export async function runRetention(db: Database, { now, years, trigger = 'cli', runId }: { now: Date; years: number; trigger?: 'scheduled' | 'cli'; runId?: string }): Promise<RetentionReport> {
	const cutoff = retentionCutoff(now, years);
	const id =
		runId ??
		(await db
			.insert(retentionRun)
			.values({ day: now.toISOString().slice(0, 10), trigger, startedAt: now, years, cutoff })
			.returning({ id: retentionRun.id }))[0]!.id;
	const { anonymised, failed } = await anonymiseDue(db, cutoff, now);
	// Then the course requests made without a file: one statement, names and contacts only.
	const courseRequestsErased = await eraseEndedCourseRequests(db, cutoff, now);
	await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		await tx.update(retentionRun).set({ finishedAt: new Date(), anonymised, failed, courseRequestsErased }).where(eq(retentionRun.id, id));
		await recordAudit(tx, { actorUserId: null, action: 'retention.run', subjectType: 'retention_run', subjectId: id, details: { trigger, years, anonymised, failed, courseRequestsErased } });
	});
	logger.info({ trigger, years, anonymised, failed, courseRequestsErased }, 'retention run');
	return { runId: id, trigger, years, cutoff, anonymised, failed, courseRequestsErased };
}

/** The daily job: claims today's run (one process a day), then runs; null when another run has it. */
export async function runDailyRetention(db: Database, { now, years }: { now: Date; years: number }): Promise<RetentionReport | null> {
	const [claimed] = await db
		.insert(retentionRun)
		.values({ day: now.toISOString().slice(0, 10), trigger: 'scheduled', startedAt: now, years, cutoff: retentionCutoff(now, years) })
		.onConflictDoNothing()
		.returning({ id: retentionRun.id });
	if (!claimed) return null;
	return runRetention(db, { now, years, trigger: 'scheduled', runId: claimed.id });
}

/** The last runs, newest first (platform admins' page). */
export async function latestRetentionRuns(db: Database, limit = 30) {
	return db.select().from(retentionRun).orderBy(desc(retentionRun.startedAt)).limit(limit);
}

/**
 * Starts the daily job in this process: a first try a minute after start, then every hour (each
 * try claims the day, so the job runs once a day whatever the number of processes and restarts).
 * Stops by itself once `alive()` says the runtime that started it is gone.
 */
export function scheduleRetention({ db, years, alive, firstDelayMs = 60_000, everyMs = 3_600_000 }: { db: Database; years: number; alive: () => boolean; firstDelayMs?: number; everyMs?: number }): void {
	let timer: NodeJS.Timeout | undefined;
	const tick = async () => {
		if (!alive()) return clearInterval(timer);
		try {
			await runDailyRetention(db, { now: new Date(), years });
		} catch (error) {
			logger.warn({ err: (error as Error).name }, 'retention run failed');
		}
	};
	setTimeout(() => {
		void tick();
		timer = setInterval(() => void tick(), everyMs);
		timer.unref();
	}, firstDelayMs).unref();
}
