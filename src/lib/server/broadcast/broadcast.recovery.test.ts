// A worker that dies in the middle of its work, operators settling what is left uncertain, and
// the weekly digest across restarts.
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createBroadcastQueue } from './broadcast.queue';
import { listUncertainPosts, resolveUncertainPost } from './broadcast.usecases';
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

describe('a worker that stops in the middle', () => {
	it('a job claimed by a worker that died is sent once by the next one, after the lease', async () => {
		const event = sampleEvent();
		await publish(handle.db, events, event);
		const dead = createBroadcastQueue({ db: handle.db, owner: 'dead-worker', leaseMs: 120_000, perMinute: 20 });
		expect(await dead.claim(clock.now())).toMatchObject({ subject: event.id, phase: 'claimed' });
		const next = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const { next: wake } = await next.tick();
		expect(bot.calls).toHaveLength(0);
		expect(wake!.getTime()).toBe(t0.getTime() + 120_000);
		await drain(next, clock);
		expect(sends()).toHaveLength(1);
		expect(await postOf(event.id)).toMatchObject({ state: 'posted' });
	});

	it('a first post interrupted during its call is never posted again (at most once), and later changes leave it alone', async () => {
		const event = sampleEvent();
		await publish(handle.db, events, event);
		const dead = createBroadcastQueue({ db: handle.db, owner: 'dead-worker', leaseMs: 120_000, perMinute: 20 });
		const job = (await dead.claim(clock.now()))!;
		expect(await dead.beginCall(job, { chatId: '@agenda_test', method: 'sendMessage', action: 'send' }, clock.now())).toHaveProperty('callId');
		clock.advance(121_000);
		const next = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		await drain(next, clock);
		expect(bot.calls).toHaveLength(0);
		expect(await jobOf(event.id)).toMatchObject({ outcome: 'uncertain', lastError: 'interrupted' });
		expect(await postOf(event.id)).toMatchObject({ state: 'uncertain', messageId: null });
		await publish(handle.db, events, { ...event, place: 'Ailleurs' }, 'updated');
		await drain(next, clock);
		expect(bot.calls).toHaveLength(0);
	});

	it('an operator settles an uncertain post: not in the channel, it is posted; there, it is edited', async () => {
		const list = [sampleEvent({ title: { fr: 'Pas arrivé' } }), sampleEvent({ title: { fr: 'Bien arrivé' } })];
		const dead = createBroadcastQueue({ db: handle.db, owner: 'dead-worker', leaseMs: 120_000, perMinute: 20 });
		for (const e of list) {
			await publish(handle.db, events, e);
			const job = (await dead.claim(clock.now()))!;
			await dead.beginCall(job, { chatId: '@agenda_test', method: 'sendMessage', action: 'send' }, clock.now());
		}
		// The second one did reach Telegram before the crash: the channel shows it as message 100.
		await fetch(`${bot.apiRoot}/bot1:x/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: '@agenda_test', text: 'Bien arrivé', parse_mode: 'HTML' }) });
		clock.advance(121_000);
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		await drain(worker, clock);
		expect((await listUncertainPosts(handle.db)).map((p) => p.subject).sort()).toEqual(list.map((e) => e.id).sort());

		expect(await resolveUncertainPost(handle.db, { kind: 'event', subject: list[0]!.id, messageId: null })).toBe(true);
		expect(await resolveUncertainPost(handle.db, { kind: 'event', subject: list[1]!.id, messageId: 100 })).toBe(true);
		expect(await resolveUncertainPost(handle.db, { kind: 'event', subject: list[1]!.id, messageId: 100 })).toBe(false);
		await drain(worker, clock);
		expect(sends().filter((c) => c.text.includes('Pas arrivé'))).toHaveLength(1);
		expect(edits()).toHaveLength(1);
		expect(edits()[0]).toMatchObject({ messageId: 100 });
		expect(bot.messages.get('@agenda_test/100')!.text).toContain('Bien arrivé');
		expect(bot.messages.get('@agenda_test/100')!.text).toContain('Voir l’activité');
		expect(await listUncertainPosts(handle.db)).toEqual([]);
	});

	it('an interrupted edit is done again: editing to the same text changes nothing', async () => {
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot);
		const event = sampleEvent();
		await publish(handle.db, events, event);
		await drain(worker, clock);
		await publish(handle.db, events, { ...event, place: 'Salle des fêtes' }, 'updated');
		const dead = createBroadcastQueue({ db: handle.db, owner: 'dead-worker', leaseMs: 120_000, perMinute: 20 });
		const job = (await dead.claim(clock.now()))!;
		await dead.beginCall(job, { chatId: '@agenda_test', method: 'editMessageText', action: 'edit' }, clock.now());
		clock.advance(121_000);
		await drain(worker, clock);
		expect(bot.accepted('editMessageText')).toHaveLength(1);
		expect(bot.messages.get(`@agenda_test/${(await postOf(event.id))!.messageId}`)!.text).toContain('Salle des fêtes');
	});

	// Two connections are needed for the race: PGlite runs one transaction at a time.
	it.runIf(process.env.DATABASE_URL)('a worker finishing a job while another recovers its lapsed lease: no deadlock, the post is kept', async () => {
		const event = sampleEvent();
		await publish(handle.db, events, event);
		const slow = createBroadcastQueue({ db: handle.db, owner: 'slow-worker', leaseMs: 120_000, perMinute: 20 });
		const job = (await slow.claim(clock.now()))!;
		const begun = await slow.beginCall(job, { chatId: '@agenda_test', method: 'sendMessage', action: 'send' }, clock.now());
		if (!('callId' in begun)) throw new Error('no call slot');
		clock.advance(300_000);
		// What recover() does in its transaction: the job's row first, then the job's pending call.
		let finishing: Promise<void> | undefined;
		await handle.db.transaction(async (tx) => {
			await tx.select().from(broadcastJob).where(eq(broadcastJob.id, job.id)).for('update');
			finishing = slow.finish(job, clock.now(), {
				outcome: 'posted',
				callId: begun.callId,
				post: { chatId: '@agenda_test', messageId: 41, state: 'posted', textHash: 'h', snapshot: {} }
			});
			// Give the finishing worker time to take its first lock.
			await new Promise((resolve) => setTimeout(resolve, 300));
			await tx.update(broadcastCall).set({ outcome: 'interrupted' }).where(eq(broadcastCall.id, begun.callId));
			await tx.update(broadcastJob).set({ phase: 'idle', leaseOwner: null, leaseUntil: null }).where(eq(broadcastJob.id, job.id));
		});
		await finishing;
		// The message id Telegram gave is the truth about the channel: it is kept.
		expect(await postOf(event.id)).toMatchObject({ state: 'posted', messageId: 41 });
	});
});

describe('the weekly digest', () => {
	it('goes out once a week at the configured Brussels time, even across restarts', async () => {
		const digest = { weekday: 1, hour: 8, minute: 0 };
		// Monday 9 March 2026: 08:00 in Brussels is 07:00 UTC.
		clock.set(new Date('2026-03-09T06:59:00Z'));
		for (const [i, day] of [10, 12, 14, 17].entries()) {
			const e = sampleEvent({ title: { fr: `Activité de la semaine ${i}`, en: `Activity of the week ${i}` }, startsAt: new Date(Date.UTC(2026, 2, day, 17)), endsAt: null });
			events.set(e.id, e);
		}
		const first = testWorker(handle.db, memorySource(events), clock, bot.apiRoot, { digest });
		const { next } = await first.tick();
		expect(bot.calls).toHaveLength(0);
		expect(next!.toISOString()).toBe('2026-03-09T07:00:00.000Z');
		clock.set(next!);
		await first.tick();
		expect(sends()).toHaveLength(1);
		const text = sends()[0]!.text;
		expect(text).toContain('Activité de la semaine 0');
		expect(text).toContain('Activité de la semaine 2');
		expect(text).not.toContain('Activité de la semaine 3');
		expect(text).toContain('href="https://passerelle.example.be/fr/agenda"');

		// Restarted an hour later, and on Wednesday: nothing more this week.
		clock.set(new Date('2026-03-09T08:00:00Z'));
		await testWorker(handle.db, memorySource(events), clock, bot.apiRoot, { digest }).tick();
		clock.set(new Date('2026-03-11T08:00:00Z'));
		const again = testWorker(handle.db, memorySource(events), clock, bot.apiRoot, { digest });
		const { next: monday } = await again.tick();
		expect(sends()).toHaveLength(1);
		expect(monday!.toISOString()).toBe('2026-03-16T07:00:00.000Z');
		clock.set(monday!);
		await again.tick();
		expect(sends()).toHaveLength(2);
		expect(sends()[1]!.text).toContain('Activité de la semaine 3');
		expect((await handle.db.select().from(broadcastJob).where(eq(broadcastJob.kind, 'digest'))).map((j) => j.subject).sort()).toEqual(['2026-W11', '2026-W12']);
	});

	it('posts no digest for an empty week', async () => {
		clock.set(new Date('2026-03-09T07:30:00Z'));
		const worker = testWorker(handle.db, memorySource(events), clock, bot.apiRoot, { digest: { weekday: 1, hour: 8, minute: 0 } });
		await worker.tick();
		expect(bot.calls).toHaveLength(0);
		expect(await jobOf('2026-W11')).toMatchObject({ outcome: 'empty' });
	});
});
