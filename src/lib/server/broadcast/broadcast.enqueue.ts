import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { broadcastJob } from './broadcast.table';
import type { BroadcastChange } from './broadcast.types';

const changes: readonly BroadcastChange[] = ['published', 'updated', 'cancelled'];

/**
 * Queues the channel message for an event's change, inside the caller's transaction so that a
 * rolled-back publication posts nothing. One row per event: asking again while the row is still
 * pending merges into it (the worker posts or edits once, with the content current at that time);
 * asking after it was served makes it pending again, and the worker only calls Telegram when the
 * text it would show differs from the one shown.
 */
export async function enqueueEventBroadcast(db: Database, { eventId, change }: { eventId: string; change: BroadcastChange }): Promise<void> {
	if (!eventId || eventId.length > 200) throw new Error('enqueueEventBroadcast: eventId must be a non-empty id');
	if (!changes.includes(change)) throw new Error('enqueueEventBroadcast: unknown change');
	const pending = sql`${broadcastJob.wantedVersion} > ${broadcastJob.doneVersion}`;
	await db
		.insert(broadcastJob)
		.values({ kind: 'event', subject: eventId, change })
		.onConflictDoUpdate({
			target: [broadcastJob.kind, broadcastJob.subject],
			set: {
				wantedVersion: sql`${broadcastJob.wantedVersion} + 1`,
				// A first post not made yet stays a first post; otherwise the latest change names the row.
				change: sql`case when ${pending} and ${broadcastJob.change} = 'published' and excluded.change = 'updated' then 'published' else excluded.change end`,
				queuedAt: sql`case when ${pending} then ${broadcastJob.queuedAt} else excluded.queued_at end`,
				// A row in backoff keeps its count and its delay; a served or failed one starts afresh.
				attempts: sql`case when ${pending} then ${broadcastJob.attempts} else 0 end`,
				runAfter: sql`case when ${pending} then ${broadcastJob.runAfter} else null end`,
				updatedAt: sql`now()`
			}
		});
}

/** Queues the digest of an ISO week once: a second call (another process, a restart) does nothing. */
export async function enqueueDigest(db: Database, week: string): Promise<boolean> {
	const rows = await db.insert(broadcastJob).values({ kind: 'digest', subject: week, change: 'digest' }).onConflictDoNothing().returning({ id: broadcastJob.id });
	return rows.length > 0;
}
