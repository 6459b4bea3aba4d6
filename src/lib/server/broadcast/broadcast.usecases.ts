import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { broadcastJob, broadcastPost } from './broadcast.table';

export type UncertainPost = { kind: string; subject: string; chatId: string; at: Date };

/**
 * First posts interrupted during their Bot API call (a crash, a timeout): Telegram may or may not
 * show them, and the queue never posts them again on its own (at most once).
 */
export async function listUncertainPosts(db: Database): Promise<UncertainPost[]> {
	const rows = await db.select().from(broadcastPost).where(eq(broadcastPost.state, 'uncertain')).orderBy(asc(broadcastPost.postedAt));
	return rows.map((r) => ({ kind: r.kind, subject: r.subject, chatId: r.chatId, at: r.postedAt }));
}

/**
 * An operator looked at the channel. The message is there: its id (the number at the end of its
 * link, t.me/<channel>/<id>) is recorded, and the message is brought up to date by an edit. It is
 * not: the post is forgotten and made again. Either way the subject is queued once more.
 * Returns false when the subject has no uncertain post.
 */
export async function resolveUncertainPost(db: Database, { kind, subject, messageId }: { kind: 'event' | 'digest'; subject: string; messageId: number | null }): Promise<boolean> {
	return db.transaction(async (tx) => {
		const where = and(eq(broadcastPost.kind, kind), eq(broadcastPost.subject, subject), eq(broadcastPost.state, 'uncertain'));
		const [post] = await tx.select().from(broadcastPost).where(where).for('update');
		if (!post) return false;
		if (messageId !== null) {
			// No text hash: the next run edits the message to the current text (a digest is left as it is).
			await tx.update(broadcastPost).set({ state: 'posted', messageId, textHash: null }).where(where);
		} else {
			await tx.delete(broadcastPost).where(where);
		}
		if (kind === 'event' || messageId === null) {
			await tx
				.update(broadcastJob)
				.set({ wantedVersion: sql`${broadcastJob.wantedVersion} + 1`, attempts: 0, runAfter: null, lastError: null, queuedAt: sql`now()`, updatedAt: sql`now()` })
				.where(and(eq(broadcastJob.kind, kind), eq(broadcastJob.subject, subject)));
		}
		return true;
	});
}
