import { and, asc, desc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { broadcastCall, broadcastChannel, broadcastJob, broadcastPost } from './broadcast.table';

export type Job = typeof broadcastJob.$inferSelect;
export type Post = typeof broadcastPost.$inferSelect;
export type PostState = 'posted' | 'cancelled' | 'uncertain' | 'deleted';

/** The job was taken over by another worker (its lease ran out): leave it alone. */
export class LostLease extends Error {
	override name = 'LostLease';
}

// postgres.js does not serialise a bare Date inside sql``: ISO text with a cast.
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

export type PostUpdate = { chatId: string; messageId: number | null; state: PostState; textHash: string | null; snapshot: unknown };

/**
 * The queue's steps, each one short transaction. A worker owns a row through a lease
 * (`lease_owner`, `lease_until`); every write after the claim is fenced on that lease, so a worker
 * that lost it (stalled past its lease, another took over) changes nothing.
 */
export function createBroadcastQueue({ db, owner, leaseMs, perMinute }: { db: Database; owner: string; leaseMs: number; perMinute: number }) {
	const mine = (job: Job) => and(eq(broadcastJob.id, job.id), eq(broadcastJob.leaseOwner, owner), inArray(broadcastJob.phase, ['claimed', 'sending']));

	/**
	 * Every transaction that touches a job and its call locks the job's row first, as recover()
	 * does: with the call locked first, a worker finishing a job whose lease another worker is
	 * recovering would deadlock with it on PostgreSQL.
	 */
	const lockJob = (tx: Database, job: Job) => tx.select({ id: broadcastJob.id }).from(broadcastJob).where(eq(broadcastJob.id, job.id)).for('update');

	/**
	 * Rows whose worker vanished (lease over). 'claimed' ones and interrupted edits go back to the
	 * queue (an edit to the same text is harmless). An interrupted first post may have reached the
	 * channel: it is recorded as uncertain and never posted again. Returns those subjects.
	 */
	async function recover(now: Date): Promise<{ uncertain: Job[]; requeued: number }> {
		return db.transaction(async (tx) => {
			const stale = await tx
				.select()
				.from(broadcastJob)
				.where(and(inArray(broadcastJob.phase, ['claimed', 'sending']), lte(broadcastJob.leaseUntil, now)))
				.for('update', { skipLocked: true });
			const uncertain: Job[] = [];
			for (const job of stale) {
				const [call] = await tx
					.select()
					.from(broadcastCall)
					.where(and(eq(broadcastCall.kind, job.kind), eq(broadcastCall.subject, job.subject), eq(broadcastCall.outcome, 'pending')))
					.orderBy(desc(broadcastCall.at))
					.limit(1);
				if (call) await tx.update(broadcastCall).set({ outcome: 'interrupted' }).where(eq(broadcastCall.id, call.id));
				const reset = { phase: 'idle', leaseOwner: null, leaseUntil: null, sendingAction: null, updatedAt: now };
				if (job.phase === 'sending' && job.sendingAction === 'send') {
					const [post] = await tx.select().from(broadcastPost).where(and(eq(broadcastPost.kind, job.kind), eq(broadcastPost.subject, job.subject)));
					if (!post && call) {
						await tx.insert(broadcastPost).values({ kind: job.kind, subject: job.subject, chatId: call.chatId, messageId: null, state: 'uncertain', postedAt: call.at });
					}
					await tx
						.update(broadcastJob)
						.set({ ...reset, doneVersion: sql`coalesce(${broadcastJob.claimedVersion}, ${broadcastJob.doneVersion})`, claimedVersion: null, outcome: 'uncertain', lastError: 'interrupted', doneAt: now })
						.where(eq(broadcastJob.id, job.id));
					uncertain.push(job);
				} else {
					await tx.update(broadcastJob).set({ ...reset, claimedVersion: null }).where(eq(broadcastJob.id, job.id));
				}
			}
			return { uncertain, requeued: stale.length - uncertain.length };
		});
	}

	/** Takes the oldest due row, skipping rows another process holds. */
	async function claim(now: Date): Promise<Job | null> {
		const [job] = await db
			.update(broadcastJob)
			.set({ phase: 'claimed', leaseOwner: owner, leaseUntil: later(now, leaseMs), claimedVersion: sql`${broadcastJob.wantedVersion}`, updatedAt: now })
			.where(
				sql`${broadcastJob.id} = (select id from broadcast_job where wanted_version > done_version and phase = 'idle'
					and (run_after is null or run_after <= ${ts(now)}) order by queued_at, seq limit 1 for update skip locked)`
			)
			.returning();
		return job ?? null;
	}

	/** When the next row becomes due (backoff, pause, or a lease to recover); null when none waits. */
	async function nextDue(now: Date): Promise<Date | null> {
		const [row] = await db
			.select({
				at: sql`min(case when ${broadcastJob.phase} = 'idle' then coalesce(${broadcastJob.runAfter}, ${ts(now)}) else ${broadcastJob.leaseUntil} end)`.mapWith(broadcastJob.runAfter)
			})
			.from(broadcastJob)
			.where(sql`${broadcastJob.wantedVersion} > ${broadcastJob.doneVersion}`);
		return row?.at ?? null;
	}

	async function post(kind: string, subject: string): Promise<Post | null> {
		const [row] = await db.select().from(broadcastPost).where(and(eq(broadcastPost.kind, kind), eq(broadcastPost.subject, subject)));
		return row ?? null;
	}

	/** When a call to the chat is next allowed (pause or 20 calls in the last minute); null: now. */
	async function nextSlot(chatId: string, now: Date, tx: Database = db): Promise<Date | null> {
		const [channel] = await tx.select().from(broadcastChannel).where(eq(broadcastChannel.chatId, chatId));
		if (channel?.pausedUntil && channel.pausedUntil > now) return channel.pausedUntil;
		const recent = await tx
			.select({ at: broadcastCall.at })
			.from(broadcastCall)
			.where(and(eq(broadcastCall.chatId, chatId), gt(broadcastCall.at, later(now, -60_000))))
			.orderBy(asc(broadcastCall.at));
		if (recent.length < perMinute) return null;
		return later(recent[recent.length - perMinute]!.at, 60_000);
	}

	/**
	 * Takes a slot of the chat's budget and marks the job 'sending' in one transaction, just before
	 * the call: from here a crash leaves a row that recover() treats as possibly sent.
	 */
	async function beginCall(job: Job, call: { chatId: string; method: string; action: 'send' | 'edit' }, now: Date): Promise<{ callId: string } | { waitUntil: Date }> {
		return db.transaction(async (tx) => {
			await tx.insert(broadcastChannel).values({ chatId: call.chatId }).onConflictDoNothing();
			// The channel's row serialises the budget between processes.
			await tx.select().from(broadcastChannel).where(eq(broadcastChannel.chatId, call.chatId)).for('update');
			const wait = await nextSlot(call.chatId, now, tx);
			if (wait) return { waitUntil: wait };
			const marked = await tx
				.update(broadcastJob)
				.set({ phase: 'sending', sendingAction: call.action, leaseUntil: later(now, leaseMs), updatedAt: now })
				.where(and(mine(job), eq(broadcastJob.phase, 'claimed')))
				.returning({ id: broadcastJob.id });
			if (marked.length === 0) throw new LostLease();
			const [row] = await tx.insert(broadcastCall).values({ chatId: call.chatId, at: now, method: call.method, kind: job.kind, subject: job.subject }).returning({ id: broadcastCall.id });
			return { callId: row!.id };
		});
	}

	/** Records what the channel now shows and closes the job, in one transaction. */
	async function finish(job: Job, now: Date, result: { outcome: string; error?: string; callId?: string; callOutcome?: string; post?: PostUpdate; edited?: boolean }): Promise<void> {
		await db.transaction(async (tx) => {
			await lockJob(tx, job);
			if (result.callId) await tx.update(broadcastCall).set({ outcome: result.callOutcome ?? 'ok' }).where(eq(broadcastCall.id, result.callId));
			if (result.post) {
				const p = result.post;
				// Written even if the lease was lost meanwhile: a message id is the truth about the channel.
				await tx
					.insert(broadcastPost)
					.values({ kind: job.kind, subject: job.subject, chatId: p.chatId, messageId: p.messageId, state: p.state, textHash: p.textHash, snapshot: p.snapshot, postedAt: now })
					.onConflictDoUpdate({
						target: [broadcastPost.kind, broadcastPost.subject],
						set: {
							chatId: p.chatId,
							messageId: p.messageId,
							state: p.state,
							textHash: p.textHash,
							snapshot: p.snapshot,
							...(result.edited ? { editedAt: now } : {})
						}
					});
			}
			await tx
				.update(broadcastJob)
				.set({
					phase: 'idle',
					doneVersion: sql`${broadcastJob.claimedVersion}`,
					claimedVersion: null,
					leaseOwner: null,
					leaseUntil: null,
					sendingAction: null,
					runAfter: null,
					attempts: result.error ? sql`${broadcastJob.attempts}` : 0,
					outcome: result.outcome,
					lastError: result.error ?? null,
					updatedAt: now,
					doneAt: now
				})
				.where(mine(job));
		});
	}

	/**
	 * Puts the job back in the queue until `at`. `failure` counts an attempt; at `maxAttempts`
	 * the job is given up (outcome failed). Returns what happened.
	 */
	async function retry(
		job: Job,
		now: Date,
		at: Date,
		options: { failure?: string; callId?: string; callOutcome?: string; maxAttempts: number; onlyClaimed?: boolean }
	): Promise<'retry' | 'failed'> {
		const attempts = job.attempts + (options.failure ? 1 : 0);
		const where = options.onlyClaimed ? and(mine(job), eq(broadcastJob.phase, 'claimed')) : mine(job);
		if (options.failure && attempts >= options.maxAttempts) {
			const kept = await db.update(broadcastJob).set({ attempts }).where(where).returning({ id: broadcastJob.id });
			if (kept.length === 0) return 'retry';
			await finish(job, now, { outcome: 'failed', error: options.failure, callId: options.callId, callOutcome: options.callOutcome });
			return 'failed';
		}
		await db.transaction(async (tx) => {
			await lockJob(tx, job);
			if (options.callId) await tx.update(broadcastCall).set({ outcome: options.callOutcome ?? 'error' }).where(eq(broadcastCall.id, options.callId));
			await tx
				.update(broadcastJob)
				.set({ phase: 'idle', claimedVersion: null, leaseOwner: null, leaseUntil: null, sendingAction: null, runAfter: at, attempts, lastError: options.failure ?? job.lastError, updatedAt: now })
				.where(where);
		});
		return 'retry';
	}

	/** Telegram asked the chat to wait (429): every process waits until then. */
	async function pause(chatId: string, until: Date): Promise<void> {
		await db
			.insert(broadcastChannel)
			.values({ chatId, pausedUntil: until })
			.onConflictDoUpdate({ target: broadcastChannel.chatId, set: { pausedUntil: sql`greatest(${broadcastChannel.pausedUntil}, excluded.paused_until)` } });
	}

	/** Calls are kept a week, for operators. */
	async function purge(now: Date): Promise<void> {
		await db.delete(broadcastCall).where(lt(broadcastCall.at, later(now, -7 * 86_400_000)));
	}

	return { recover, claim, nextDue, post, nextSlot, beginCall, finish, retry, pause, purge };
}

export type BroadcastQueue = ReturnType<typeof createBroadcastQueue>;
