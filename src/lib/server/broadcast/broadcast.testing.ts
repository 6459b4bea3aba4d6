// Test helpers for the channel: a clock moved by hand and a worker wired to the fake Bot API.
import type { Database } from '../db/client';
import { enqueueEventBroadcast } from './broadcast.enqueue';
import type { BroadcastChange, BroadcastEvent, BroadcastEventSource } from './broadcast.types';
import { createBroadcastWorker, type BroadcastWorker, type BroadcastWorkerConfig, type Clock } from './broadcast.worker';

export type ManualClock = Clock & { set(d: Date): void; advance(ms: number): void };

/** Time that only moves when told, or when the worker sleeps (it then jumps to the wake-up time). */
export function manualClock(start: Date): ManualClock {
	let t = start.getTime();
	return {
		now: () => new Date(t),
		set: (d) => void (t = d.getTime()),
		advance: (ms) => void (t += ms),
		async sleep(ms, signal) {
			if (signal.aborted) return;
			t += ms;
			// Let the event loop run (HTTP answers, the test's own checks) before the next look.
			await new Promise((resolve) => setTimeout(resolve, 1));
		}
	};
}

export const testToken = '123456:TEST-token-for-the-fake-bot-api';

export function testWorker(db: Database, source: BroadcastEventSource, clock: Clock, apiRoot: string, over: Partial<BroadcastWorkerConfig> = {}): BroadcastWorker {
	return createBroadcastWorker({
		db,
		source,
		clock,
		config: { token: testToken, channel: '@agenda_test', apiRoot, locales: ['fr', 'en'], siteUrl: 'https://passerelle.example.be', digest: null, ...over }
	});
}

/**
 * Ticks until nothing is due before `until` (default: one hour on), moving the clock to each
 * wake-up time the worker names, as its loop would. Returns how many ticks it took.
 */
export async function drain(worker: BroadcastWorker, clock: ManualClock, until = new Date(clock.now().getTime() + 3_600_000)): Promise<number> {
	for (let ticks = 1; ticks <= 500; ticks++) {
		const { next } = await worker.tick();
		if (!next || next > until) return ticks;
		if (next > clock.now()) clock.set(next);
	}
	throw new Error('the queue did not settle in 500 ticks');
}

/** What the agenda does in its publication transaction. */
export async function publish(db: Database, events: Map<string, BroadcastEvent>, event: BroadcastEvent, change: BroadcastChange = 'published'): Promise<void> {
	events.set(event.id, event);
	await db.transaction(async (tx) => enqueueEventBroadcast(tx, { eventId: event.id, change }));
}
