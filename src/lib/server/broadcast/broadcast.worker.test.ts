import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { enqueueEventBroadcast } from './broadcast.enqueue';
import { memorySource, sampleEvent } from './broadcast.samples';
import { broadcastCall, broadcastChannel, broadcastJob, broadcastPost } from './broadcast.table';
import { drain, manualClock, publish, testWorker, type ManualClock } from './broadcast.testing';
import type { BroadcastEvent } from './broadcast.types';
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api';

let handle: DatabaseHandle;
let bot: FakeBotApi;
let clock: ManualClock;
let events: Map<string, BroadcastEvent>;
const t0 = new Date('2026-03-02T09:00:00Z');
const sends = () => bot.calls.filter((c) => c.method === 'sendMessage');
const edits = () => bot.calls.filter((c) => c.method === 'editMessageText');
const jobOf = async (id: string) => (await handle.db.select().from(broadcastJob).where(eq(broadcastJob.subject, id)))[0];
const postOf = async (id: string) => (await handle.db.select().from(broadcastPost).where(eq(broadcastPost.subject, id)))[0];

beforeAll(async () => {
	handle = await freshDatabase();
});
afterAll(async () => {
	await handle.close();
});
beforeEach(async () => {
	for (const table of [broadcastJob, broadcastPost, broadcastCall, broadcastChannel]) await handle.db.delete(table);
	clock = manualClock(t0);
	bot = await startFakeBotApi({ now: () => clock.now() });
	events = new Map();
});
afterEach(async () => {
	await bot.close();
});

describe('the channel follows the agenda', () => {
	it('posts a published event once, edits that message on update, and strikes it through on cancel', async () => {
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const event = sampleEvent();
		await publish(handle.db, events, event);
		await drain(worker, clock);
		expect(sends()).toHaveLength(1);
		expect(sends()[0]).toMatchObject({ chatId: '@agenda_test' });
		expect(sends()[0]!.text).toContain('Table de conversation en français');
		expect(sends()[0]!.text).toContain('Conversation table in French');
		const post = await postOf(event.id);
		expect(post).toMatchObject({ state: 'posted', chatId: '@agenda_test' });
		const messageId = post!.messageId!;
		expect(bot.messages.get(`@agenda_test/${messageId}`)).toBeDefined();

		await publish(handle.db, events, { ...event, title: { ...event.title, fr: 'Table de conversation (nouvelle salle)' }, place: 'Centre culturel, place Merlot 1' }, 'updated');
		await drain(worker, clock);
		expect(sends()).toHaveLength(1);
		expect(edits()).toHaveLength(1);
		expect(edits()[0]).toMatchObject({ chatId: '@agenda_test', messageId });
		expect(bot.messages.get(`@agenda_test/${messageId}`)!.text).toContain('Table de conversation (nouvelle salle)');
		expect(bot.messages.get(`@agenda_test/${messageId}`)!.text).toContain('Centre culturel, place Merlot 1');

		await publish(handle.db, events, { ...events.get(event.id)!, status: 'cancelled' }, 'cancelled');
		await drain(worker, clock);
		expect(sends()).toHaveLength(1);
		expect(edits()).toHaveLength(2);
		expect(edits()[1]!.messageId).toBe(messageId);
		expect(edits()[1]!.text).toContain('<s><b>Table de conversation (nouvelle salle)</b></s>');
		const shown = bot.messages.get(`@agenda_test/${messageId}`)!.text;
		expect(shown).toContain('ANNULÉ');
		expect(shown).toContain('CANCELLED');
		expect(await postOf(event.id)).toMatchObject({ state: 'cancelled', messageId });
		expect(await jobOf(event.id)).toMatchObject({ outcome: 'cancelled', phase: 'idle', attempts: 0 });
	});

	it('sends the same change queued twice once, and folds an update made before the first post into it', async () => {
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const event = sampleEvent();
		await publish(handle.db, events, event);
		await publish(handle.db, events, event);
		await publish(handle.db, events, { ...event, title: { fr: 'Balade à Huy', en: 'Walk in Huy' } }, 'updated');
		expect((await handle.db.select().from(broadcastJob)).length).toBe(1);
		await drain(worker, clock);
		expect(bot.calls).toHaveLength(1);
		expect(sends()[0]!.text).toContain('Balade à Huy');
		expect(await jobOf(event.id)).toMatchObject({ change: 'published', wantedVersion: 3, doneVersion: 3, outcome: 'posted' });

		// Published again with nothing changed (a double click, a retry of the agenda): no call.
		await publish(handle.db, events, events.get(event.id)!);
		await drain(worker, clock);
		expect(bot.calls).toHaveLength(1);
		expect(await jobOf(event.id)).toMatchObject({ outcome: 'unchanged' });
	});

	it('posts nothing when an event never posted is cancelled, and writes the cancellation of a deleted event from what was posted', async () => {
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const never = sampleEvent({ status: 'cancelled' });
		await publish(handle.db, events, never, 'cancelled');
		await drain(worker, clock);
		expect(bot.calls).toHaveLength(0);
		expect(await jobOf(never.id)).toMatchObject({ outcome: 'not_posted' });
		expect(await postOf(never.id)).toBeUndefined();

		const gone = sampleEvent({ title: { fr: 'Atelier vélo' } });
		await publish(handle.db, events, gone);
		await drain(worker, clock);
		events.delete(gone.id);
		await handle.db.transaction((tx) => enqueueEventBroadcast(tx, { eventId: gone.id, change: 'cancelled' }));
		await drain(worker, clock);
		expect(edits()).toHaveLength(1);
		expect(edits()[0]!.text).toContain('<s><b>Atelier vélo</b></s>');
	});

	it('queues nothing when the publication rolls back', async () => {
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const event = sampleEvent();
		events.set(event.id, event);
		await expect(
			handle.db.transaction(async (tx) => {
				await enqueueEventBroadcast(tx, { eventId: event.id, change: 'published' });
				throw new Error('the publication failed');
			})
		).rejects.toThrow('the publication failed');
		expect(await jobOf(event.id)).toBeUndefined();
		await drain(worker, clock);
		expect(bot.calls).toHaveLength(0);
	});

	it('waits without a token, and sends what waited once one is set', async () => {
		const idle = testWorker(handle.db, memorySource(events), clock, bot.apiRoot, { token: undefined });
		expect(idle.enabled).toBe(false);
		const event = sampleEvent();
		await publish(handle.db, events, event);
		expect(await idle.tick()).toEqual({ next: null });
		expect(bot.calls).toHaveLength(0);
		expect(await jobOf(event.id)).toMatchObject({ wantedVersion: 1, doneVersion: 0 });
		await drain(testWorker(handle.db, memorySource(events), clock, bot.apiRoot), clock);
		expect(sends()).toHaveLength(1);
	});

	it('does not announce an event that is already over', async () => {
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const past = sampleEvent({ startsAt: new Date('2026-02-20T17:00:00Z'), endsAt: new Date('2026-02-20T19:00:00Z') });
		await publish(handle.db, events, past);
		await drain(worker, clock);
		expect(bot.calls).toHaveLength(0);
		expect(await jobOf(past.id)).toMatchObject({ outcome: 'past' });
	});
});

describe('Telegram limits and failures', () => {
	it('sends at most 20 messages in any rolling minute, and a restarted worker keeps counting', async () => {
		// Loading each event takes a second of the worker's time.
		const source = memorySource(events, () => clock.advance(1000));
		const list = Array.from({ length: 45 }, (_, i) => sampleEvent({ title: { fr: `Activité ${i}` } }));
		for (const e of list) await publish(handle.db, events, e);
		const first = testWorker(handle.db, source, clock, bot.apiRoot);
		const { next } = await first.tick();
		expect(sends()).toHaveLength(20);
		expect(next!.getTime()).toBe(sends()[0]!.at.getTime() + 60_000);
		// A new process a little later: the budget is in the database.
		clock.advance(10_000);
		const second = testWorker(handle.db, source, clock, bot.apiRoot);
		await second.tick();
		expect(sends()).toHaveLength(20);
		await drain(second, clock);
		expect(sends()).toHaveLength(45);
		const times = sends().map((c) => c.at.getTime());
		for (const start of times) expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(20);
		// Each event once, in the order they were published.
		expect(sends().map((c) => /Activité (\d+)/.exec(c.text)![1])).toEqual(list.map((_, i) => String(i)));
	});

	it('shares the queue and the budget between two processes working at once', async () => {
		const source = memorySource(events, () => clock.advance(500));
		const list = Array.from({ length: 30 }, (_, i) => sampleEvent({ title: { fr: `Rencontre ${i}` } }));
		for (const e of list) await publish(handle.db, events, e);
		const a = testWorker(handle.db, source, clock, bot.apiRoot);
		const b = testWorker(handle.db, source, clock, bot.apiRoot);
		await Promise.all([drain(a, clock), drain(b, clock)]);
		expect(sends()).toHaveLength(30);
		expect(new Set(sends().map((c) => /Rencontre (\d+)/.exec(c.text)![1])).size).toBe(30);
		const times = sends().map((c) => c.at.getTime());
		for (const start of times) expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(20);
	});

	it('honours retry_after on 429: waits that long, then sends once', async () => {
		bot.script('sendMessage', { status: 429, description: 'Too Many Requests: retry after 2', retryAfter: 2 });
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot, { pollMs: 500 });
		await publish(handle.db, events, sampleEvent());
		worker.start();
		const deadline = Date.now() + 10_000;
		while (bot.accepted('sendMessage').length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
		await worker.stop();
		expect(sends()).toHaveLength(2);
		expect(sends()[0]!.answered).toBe(429);
		expect(sends()[1]!.at.getTime() - sends()[0]!.at.getTime()).toBeGreaterThanOrEqual(2000);
		expect(bot.accepted('sendMessage')).toHaveLength(1);
		const [call] = await handle.db.select().from(broadcastCall).where(eq(broadcastCall.outcome, 'telegram_429'));
		expect(call).toBeDefined();
	});

	it('retries a failing Telegram with growing delays, then gives up and records the error code', async () => {
		for (let i = 0; i < 4; i++) bot.script('sendMessage', { status: 500, description: 'Internal Server Error' });
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot, { maxAttempts: 4 });
		const event = sampleEvent();
		await publish(handle.db, events, event);
		await drain(worker, clock, new Date(t0.getTime() + 86_400_000));
		expect(sends()).toHaveLength(4);
		const gaps = sends().slice(1).map((c, i) => c.at.getTime() - sends()[i]!.at.getTime());
		expect(gaps).toEqual([30_000, 60_000, 120_000]);
		expect(await jobOf(event.id)).toMatchObject({ outcome: 'failed', lastError: 'telegram_500', attempts: 4, phase: 'idle' });
		expect(await postOf(event.id)).toBeUndefined();
		// The next change of the event tries afresh.
		await publish(handle.db, events, event, 'updated');
		await drain(worker, clock);
		expect(bot.accepted('sendMessage')).toHaveLength(1);
	});

	it('recovers from one failure and sends once', async () => {
		bot.script('editMessageText', { status: 502, description: 'Bad Gateway' });
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const event = sampleEvent();
		await publish(handle.db, events, event);
		await drain(worker, clock);
		await publish(handle.db, events, { ...event, free: false, price: '2 €' }, 'updated');
		await drain(worker, clock);
		expect(edits()).toHaveLength(2);
		expect(bot.accepted('editMessageText')).toHaveLength(1);
		expect(bot.messages.get(`@agenda_test/${(await postOf(event.id))!.messageId}`)!.text).toContain('Prix : 2 €');
	});

	it('leaves a message deleted from the channel alone', async () => {
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const event = sampleEvent();
		await publish(handle.db, events, event);
		await drain(worker, clock);
		bot.messages.clear();
		await publish(handle.db, events, { ...event, place: 'Ailleurs' }, 'updated');
		await drain(worker, clock);
		expect(await jobOf(event.id)).toMatchObject({ outcome: 'failed', lastError: 'message_not_found' });
		expect(await postOf(event.id)).toMatchObject({ state: 'deleted' });
		await publish(handle.db, events, { ...event, place: 'Encore ailleurs' }, 'updated');
		await drain(worker, clock);
		expect(bot.calls).toHaveLength(2);
	});
});
