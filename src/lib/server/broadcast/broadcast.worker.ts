import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Locale } from '$lib/i18n/locales';
import type { DigestSchedule } from '../config/config';
import type { Database } from '../db/client';
import { describeError, logger } from '../log/logger';
import { enqueueDigest } from './broadcast.enqueue';
import { planDigest, planEvent, type Plan } from './broadcast.plan';
import { createBroadcastQueue, LostLease, type Job } from './broadcast.queue';
import { classifyFailure, createChannelApi, type ChannelApi } from './broadcast.telegram';
import { digestWeek } from './broadcast.time';
import type { BroadcastEventSource } from './broadcast.types';

/** Time as the worker sees it; tests pass a clock they move by hand. */
export type Clock = { now(): Date; sleep(ms: number, signal: AbortSignal): Promise<void> };

export const systemClock: Clock = {
	now: () => new Date(),
	sleep: (ms, signal) =>
		new Promise((resolve) => {
			if (signal.aborted) return resolve();
			const done = () => {
				clearTimeout(timer);
				signal.removeEventListener('abort', done);
				resolve();
			};
			const timer = setTimeout(done, ms);
			signal.addEventListener('abort', done, { once: true });
		})
};

export type BroadcastWorkerConfig = {
	/** Without a token (or a channel) the worker stays idle and queued messages wait. */
	token: string | undefined;
	channel: string | undefined;
	apiRoot: string;
	locales: Locale[];
	/** Public address of the site, for the digest's link to the agenda. */
	siteUrl: string;
	digest: DigestSchedule;
	/** Failed attempts before a message is given up (default 8, about two hours of backoff). */
	maxAttempts?: number;
	/** How long a claimed job is reserved for its worker (default 2 minutes). */
	leaseMs?: number;
	/** Longest sleep between two looks at the queue (default 5 s). */
	pollMs?: number;
	/** Calls to one chat in a rolling minute (Telegram: 20 messages a minute to a channel). */
	perMinute?: number;
	/** Bot API request timeout in seconds (default 30; below leaseMs). */
	timeoutSeconds?: number;
};

export type BroadcastWorker = {
	/** True when a token and a channel are configured. */
	readonly enabled: boolean;
	/** Starts the loop (does nothing without a token). */
	start(): void;
	/** Stops after the call in progress is recorded. */
	stop(): Promise<void>;
	/** Serves everything due now; answers when something next falls due. */
	tick(): Promise<{ next: Date | null }>;
};

const backoffMs = (attempt: number) => Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
const earliest = (...dates: (Date | null)[]) => dates.filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;

/**
 * The channel's worker: claims queued rows one at a time, decides from the current state what the
 * channel must show, and posts or edits within Telegram's limits. Several processes may run one
 * each on PostgreSQL; they share the queue, the budget and the pauses through the database.
 */
export function createBroadcastWorker({ db, source, config, clock = systemClock }: { db: Database; source: BroadcastEventSource; config: BroadcastWorkerConfig; clock?: Clock }): BroadcastWorker {
	const channel = config.channel;
	const channelApi = config.token && channel ? createChannelApi({ token: config.token, apiRoot: config.apiRoot, timeoutSeconds: config.timeoutSeconds }) : null;
	const maxAttempts = config.maxAttempts ?? 8;
	const pollMs = config.pollMs ?? 5_000;
	const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
	const queue = createBroadcastQueue({ db, owner, leaseMs: config.leaseMs ?? 120_000, perMinute: config.perMinute ?? 20 });
	const siteUrl = config.siteUrl.replace(/\/+$/, '');
	const abort = new AbortController();
	let stopping = false;
	let running: Promise<void> | null = null;
	let purgedAt = 0;

	async function scheduleDigest(now: Date): Promise<Date | null> {
		if (!config.digest) return null;
		const week = digestWeek(now, config.digest);
		if (now < week.dueAt) return week.dueAt;
		if (await enqueueDigest(db, week.id)) logger.info({ kind: 'digest', subject: week.id }, 'broadcast digest queued');
		return digestWeek(new Date(week.end.getTime() + 3_600_000), config.digest).dueAt;
	}

	async function settle(job: Job, plan: Exclude<Plan, { action: 'none' }>, callId: string, messageId: number | null, edited: boolean, outcome: string) {
		await queue.finish(job, clock.now(), {
			outcome,
			callId,
			post: { chatId: plan.chatId, messageId, state: plan.state, textHash: plan.hash, snapshot: plan.snapshot },
			edited
		});
		logger.info({ kind: job.kind, subject: job.subject, outcome }, 'broadcast');
	}

	/** One job: plan, take a slot, call, record. Answers a time to wait for when the channel is not free. */
	async function serve(job: Job, api: ChannelApi): Promise<Date | null> {
		const now = clock.now();
		const ctx = { source, locales: config.locales, channel: channel!, agendaUrl: (l: Locale) => `${siteUrl}/${l}/agenda`, now };
		const post = await queue.post(job.kind, job.subject);
		const plan = job.kind === 'digest' ? await planDigest(job, post, ctx) : await planEvent(job, post, ctx);
		if (plan.action === 'none' || (plan.action === 'edit' && plan.messageId === null)) {
			const outcome = plan.action === 'none' ? plan.outcome : 'uncertain';
			await queue.finish(job, now, { outcome });
			logger.info({ kind: job.kind, subject: job.subject, outcome }, 'broadcast');
			return null;
		}
		const method = plan.action === 'send' ? 'sendMessage' : 'editMessageText';
		const begun = await queue.beginCall(job, { chatId: plan.chatId, method, action: plan.action }, clock.now());
		if ('waitUntil' in begun) {
			await queue.retry(job, clock.now(), begun.waitUntil, { maxAttempts });
			return begun.waitUntil;
		}
		let messageId: number | null;
		try {
			if (plan.action === 'send') messageId = await api.send(plan.chatId, plan.text);
			else {
				await api.edit(plan.chatId, plan.messageId!, plan.text);
				messageId = plan.messageId;
			}
		} catch (error) {
			return failed(job, plan, begun.callId, error);
		}
		// Telegram answered: record it now. The database may hiccup; a few tries shrink the window in
		// which a crash would leave the row 'sending' (then recovered as uncertain, never re-sent).
		const outcome = plan.action === 'send' ? 'posted' : plan.state === 'cancelled' ? 'cancelled' : 'edited';
		for (let attempt = 1; ; attempt++) {
			try {
				await settle(job, plan, begun.callId, messageId, plan.action === 'edit', outcome);
				return null;
			} catch (error) {
				if (attempt >= 3) throw error;
				await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
			}
		}
	}

	async function failed(job: Job, plan: Exclude<Plan, { action: 'none' }>, callId: string, error: unknown): Promise<Date | null> {
		const now = clock.now();
		const failure = classifyFailure(error);
		const log = { kind: job.kind, subject: job.subject, code: failure.code };
		switch (failure.kind) {
			case 'wait': {
				const until = new Date(now.getTime() + failure.retryAfterMs);
				await queue.pause(plan.chatId, until);
				await queue.retry(job, now, until, { callId, callOutcome: failure.code, maxAttempts });
				logger.warn({ ...log, retryAfterMs: failure.retryAfterMs }, 'broadcast: Telegram asked to wait');
				return until;
			}
			case 'done':
				await settle(job, plan, callId, plan.messageId, false, 'unchanged');
				return null;
			case 'gone':
				await queue.finish(job, now, {
					outcome: 'failed',
					error: failure.code,
					callId,
					callOutcome: failure.code,
					post: { chatId: plan.chatId, messageId: plan.messageId, state: 'deleted', textHash: null, snapshot: plan.snapshot }
				});
				logger.warn(log, 'broadcast: the message is no longer in the channel');
				return null;
			case 'permanent':
				await queue.finish(job, now, { outcome: 'failed', error: failure.code, callId, callOutcome: failure.code });
				logger.warn(log, 'broadcast: Telegram refused the message');
				return null;
			case 'transient': {
				if (plan.action === 'send' && failure.maybeDelivered) {
					// The post may exist: at most once, so record it as uncertain rather than risk a duplicate.
					await queue.finish(job, now, {
						outcome: 'uncertain',
						error: failure.code,
						callId,
						callOutcome: failure.code,
						post: { chatId: plan.chatId, messageId: null, state: 'uncertain', textHash: null, snapshot: plan.snapshot }
					});
					logger.warn(log, 'broadcast: post uncertain, not sent again');
					return null;
				}
				const result = await queue.retry(job, now, new Date(now.getTime() + backoffMs(job.attempts + 1)), { failure: failure.code, callId, callOutcome: failure.code, maxAttempts });
				logger.warn({ ...log, attempts: job.attempts + 1, result }, result === 'failed' ? 'broadcast: given up' : 'broadcast: will retry');
				return null;
			}
		}
	}

	async function tick(): Promise<{ next: Date | null }> {
		if (!channelApi || !channel) return { next: null };
		let now = clock.now();
		const { uncertain } = await queue.recover(now);
		for (const job of uncertain) logger.warn({ kind: job.kind, subject: job.subject, code: 'interrupted' }, 'broadcast: post uncertain after a stop, not sent again');
		const nextDigest = await scheduleDigest(now);
		if (now.getTime() - purgedAt > 3_600_000) {
			await queue.purge(now);
			purgedAt = now.getTime();
		}
		for (let served = 0; served < 100 && !stopping; served++) {
			now = clock.now();
			const slot = await queue.nextSlot(channel, now);
			if (slot) return { next: earliest(slot, nextDigest) };
			const job = await queue.claim(now);
			if (!job) break;
			try {
				const wait = await serve(job, channelApi);
				if (wait) return { next: earliest(wait, nextDigest) };
			} catch (error) {
				if (error instanceof LostLease) continue;
				// Our own failure (database, event source): retry later, counted; never a text in the log.
				// Only a job still being prepared goes back: one past its call waits for recovery.
				const d = describeError(error);
				logger.warn({ kind: job.kind, subject: job.subject, err: d.name, code: d.code }, 'broadcast: job failed');
				await queue.retry(job, clock.now(), new Date(clock.now().getTime() + backoffMs(job.attempts + 1)), { failure: 'internal', maxAttempts, onlyClaimed: true }).catch(() => {});
			}
		}
		return { next: earliest(await queue.nextDue(clock.now()), nextDigest) };
	}

	async function loop(): Promise<void> {
		while (!stopping) {
			let next: Date | null = null;
			try {
				({ next } = await tick());
			} catch (error) {
				const d = describeError(error);
				logger.warn({ err: d.name, code: d.code }, 'broadcast: queue check failed');
			}
			if (stopping) break;
			const wait = next ? Math.max(0, Math.min(next.getTime() - clock.now().getTime(), pollMs)) : pollMs;
			await clock.sleep(wait, abort.signal);
		}
	}

	return {
		enabled: channelApi !== null,
		start() {
			if (running) return;
			if (!channelApi) {
				logger.info('broadcast: TELEGRAM_BOT_TOKEN unset, channel messages wait in the queue');
				return;
			}
			stopping = false;
			running = loop();
		},
		async stop() {
			stopping = true;
			abort.abort();
			await running;
			running = null;
		},
		tick
	};
}
