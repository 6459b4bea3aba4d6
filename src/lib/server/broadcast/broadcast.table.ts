import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The channel's durable queue: one row per subject (an agenda event, or the digest of an ISO
 * week), never one per request. Enqueueing bumps `wanted_version`; the worker brings the channel
 * to the subject's current state and sets `done_version` to the version it claimed, so repeated
 * or stacked changes collapse into one post or one edit of the latest content.
 */
export const broadcastJob = pgTable(
	'broadcast_job',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Insertion order, to break ties between rows queued in the same instant. */
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		/** event | digest */
		kind: text('kind').notNull(),
		/** The event's id, or the ISO week of a digest ("2026-W11"). */
		subject: text('subject').notNull(),
		/** The last change asked for (published, updated, cancelled; digest): for operators only, the worker reads the current state. */
		change: text('change').notNull(),
		wantedVersion: integer('wanted_version').notNull().default(1),
		doneVersion: integer('done_version').notNull().default(0),
		/** The wanted version a worker claimed; becomes done_version when it finishes. */
		claimedVersion: integer('claimed_version'),
		/** idle | claimed (being prepared, safe to redo) | sending (the Bot API call may have happened) */
		phase: text('phase').notNull().default('idle'),
		/** send | edit: what a 'sending' row was doing, to recover it after a crash. */
		sendingAction: text('sending_action'),
		leaseOwner: text('lease_owner'),
		leaseUntil: timestamp('lease_until', { withTimezone: true }),
		/** Not before (backoff, retry_after, rate limit); null: as soon as possible. */
		runAfter: timestamp('run_after', { withTimezone: true }),
		/** Failed attempts since the last success (429 answers are not counted). */
		attempts: integer('attempts').notNull().default(0),
		/** Last result: posted, edited, unchanged, not_posted, past, empty, uncertain, failed. */
		outcome: text('outcome'),
		/** Error code of the last failure (telegram_400, network…): never a text from the event. */
		lastError: text('last_error'),
		/** When the pending work was first asked for: the queue is served in this order. */
		queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		doneAt: timestamp('done_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('broadcast_job_subject_idx').on(t.kind, t.subject),
		index('broadcast_job_pending_idx').on(t.queuedAt, t.seq).where(sql`wanted_version > done_version`)
	]
);

/**
 * What the channel shows for a subject: the Telegram message (one per subject, carrying all the
 * channel's languages), so that a change edits it instead of posting again. `uncertain`: the
 * worker stopped between the Bot API call and recording its answer, so whether the message
 * exists is unknown; nothing is posted again for that subject (at most once).
 */
export const broadcastPost = pgTable(
	'broadcast_post',
	{
		kind: text('kind').notNull(),
		subject: text('subject').notNull(),
		/** The chat it was posted to (TELEGRAM_CHANNEL at the time): edits go there. */
		chatId: text('chat_id').notNull(),
		messageId: bigint('message_id', { mode: 'number' }),
		/** posted | cancelled | uncertain | deleted (gone from the channel) */
		state: text('state').notNull(),
		/** SHA-256 of the text last sent: an unchanged text is not sent again. */
		textHash: text('text_hash'),
		/** The event as last posted: a cancelled message can still be written once the event is gone. */
		snapshot: jsonb('snapshot'),
		postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
		editedAt: timestamp('edited_at', { withTimezone: true })
	},
	(t) => [primaryKey({ columns: [t.kind, t.subject] })]
);

/** Per chat: a pause asked by Telegram (429 retry_after), shared by every process. */
export const broadcastChannel = pgTable('broadcast_channel', {
	chatId: text('chat_id').primaryKey(),
	pausedUntil: timestamp('paused_until', { withTimezone: true })
});

/**
 * Every Bot API call to a chat, written before the call in the same transaction that marks the
 * job 'sending': the rate limiter counts them (20 a rolling minute), so its state survives
 * restarts and is shared by processes. Kept a week for operators.
 */
export const broadcastCall = pgTable(
	'broadcast_call',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		chatId: text('chat_id').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		method: text('method').notNull(),
		kind: text('kind').notNull(),
		subject: text('subject').notNull(),
		/** pending | ok | an error code */
		outcome: text('outcome').notNull().default('pending')
	},
	(t) => [index('broadcast_call_chat_at_idx').on(t.chatId, t.at)]
);
