import type { Locale } from '$lib/i18n/locales';
import { composeDigest, composeEventMessage } from './broadcast.compose';
import { textHash } from './broadcast.html';
import type { Job, Post, PostState } from './broadcast.queue';
import { weekBounds } from './broadcast.time';
import type { BroadcastEvent, BroadcastEventSource } from './broadcast.types';

/**
 * What a job asks of the channel, decided from the subject's current state and what the channel
 * shows, never from the change that was queued: the latest state wins.
 */
export type Plan =
	| { action: 'none'; outcome: string }
	| { action: 'send' | 'edit'; chatId: string; messageId: number | null; text: string; hash: string; state: PostState; snapshot: unknown };

export type PlanContext = {
	source: BroadcastEventSource;
	locales: Locale[];
	/** The configured channel: new posts go there; edits go where the message is. */
	channel: string;
	agendaUrl: (locale: Locale) => string;
	now: Date;
};

/** The event as stored in broadcast_post.snapshot (dates as ISO text). */
export function reviveEvent(snapshot: unknown): BroadcastEvent | null {
	if (!snapshot || typeof snapshot !== 'object') return null;
	const s = snapshot as BroadcastEvent & { startsAt: string; endsAt: string | null };
	return { ...s, startsAt: new Date(s.startsAt), endsAt: s.endsAt ? new Date(s.endsAt) : null };
}

/** Over already: its end (or its start, plus a day when all-day) is past. */
function isOver(event: BroadcastEvent, now: Date): boolean {
	const end = event.endsAt ?? new Date(event.startsAt.getTime() + (event.allDay ? 86_400_000 : 3_600_000));
	return end < now;
}

export async function planEvent(job: Job, post: Post | null, ctx: PlanContext): Promise<Plan> {
	// Unknown whether the first post reached the channel: never post it twice.
	if (post?.state === 'uncertain') return { action: 'none', outcome: 'uncertain' };
	if (post?.state === 'deleted') return { action: 'none', outcome: 'deleted' };
	const event = await ctx.source.loadEvent(job.subject);
	if (event && event.status === 'published') {
		const text = composeEventMessage(event, ctx.locales, { cancelled: false });
		const hash = textHash(text);
		if (!post) {
			if (isOver(event, ctx.now)) return { action: 'none', outcome: 'past' };
			return { action: 'send', chatId: ctx.channel, messageId: null, text, hash, state: 'posted', snapshot: event };
		}
		if (post.textHash === hash) return { action: 'none', outcome: 'unchanged' };
		return { action: 'edit', chatId: post.chatId, messageId: post.messageId, text, hash, state: 'posted', snapshot: event };
	}
	// Cancelled, withdrawn or deleted: a message that was never posted stays unposted.
	if (!post) return { action: 'none', outcome: 'not_posted' };
	const basis = event ?? reviveEvent(post.snapshot);
	if (!basis) return { action: 'none', outcome: 'not_posted' };
	const text = composeEventMessage(basis, ctx.locales, { cancelled: true });
	const hash = textHash(text);
	if (post.textHash === hash) return { action: 'none', outcome: 'unchanged' };
	return { action: 'edit', chatId: post.chatId, messageId: post.messageId, text, hash, state: 'cancelled', snapshot: basis };
}

export async function planDigest(job: Job, post: Post | null, ctx: PlanContext): Promise<Plan> {
	// A week's digest is posted once and never edited.
	if (post) return { action: 'none', outcome: post.state === 'uncertain' ? 'uncertain' : 'unchanged' };
	const week = weekBounds(job.subject);
	if (!week || week.end <= ctx.now) return { action: 'none', outcome: 'past' };
	const from = ctx.now > week.start ? ctx.now : week.start;
	const events = (await ctx.source.listEvents(from, week.end)).filter((e) => e.status === 'published');
	if (events.length === 0) return { action: 'none', outcome: 'empty' };
	const text = composeDigest({ events, locales: ctx.locales, week, agendaUrl: ctx.agendaUrl });
	return { action: 'send', chatId: ctx.channel, messageId: null, text, hash: textHash(text), state: 'posted', snapshot: null };
}
