// The worker killed with SIGKILL in the middle of the queue, twice, then restarted: every event of
// the agenda reaches the channel exactly once (counted at a fake Bot API on loopback).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { freshDatabase } from '../db/testing';
import { enqueueEventBroadcast } from './broadcast.enqueue';
import { memorySource, sampleEvent } from './broadcast.samples';
import { broadcastJob, broadcastPost } from './broadcast.table';
import { drain, manualClock, testWorker } from './broadcast.testing';
import { startFakeBotApi, type FakeBotApi } from './fake-bot-api';

const root = path.resolve(import.meta.dirname, '../../../..');
const outDir = path.join(root, 'node_modules/.cache/passerelle-broadcast-test');
const tmp = mkdtempSync(path.join(tmpdir(), 'passerelle-broadcast-'));
const events = Array.from({ length: 10 }, (_, i) => sampleEvent({ title: { fr: `Activité ${i}` }, startsAt: new Date(Date.now() + (i + 1) * 86_400_000), endsAt: null }));
let bot: FakeBotApi;
let postgres: (DatabaseHandle & { url?: string }) | undefined;
let target: string;

/** The database as the app opens it; with PGlite only one process at a time may hold the folder. */
const open = () => (postgres ? Promise.resolve(postgres) : openDatabase({ engine: 'pglite', dataDir: target }));
const release = async (h: DatabaseHandle) => {
	if (!postgres) await h.close();
};

beforeAll(async () => {
	// The worker as its own program, bundled like the CLI (dependencies stay in node_modules).
	await build({
		configFile: false,
		logLevel: 'warn',
		resolve: { alias: { $lib: path.join(root, 'src/lib'), $server: path.join(root, 'src/lib/server') } },
		build: {
			ssr: path.join(root, 'src/lib/server/broadcast/worker-process.ts'),
			outDir,
			emptyOutDir: true,
			target: 'node20',
			rollupOptions: { output: { entryFileNames: 'worker-process.js' } }
		}
	});
	bot = await startFakeBotApi();
	if (process.env.DATABASE_URL) {
		postgres = await freshDatabase();
		target = postgres.url!;
	} else {
		target = path.join(tmp, 'pglite');
	}
	const h = await open();
	if (!postgres) await migrateDatabase(h);
	for (const e of events) await h.db.transaction((tx) => enqueueEventBroadcast(tx, { eventId: e.id, change: 'published' }));
	await release(h);
	writeFileSync(path.join(tmp, 'events.json'), JSON.stringify(events));
}, 240_000);

afterAll(async () => {
	await bot?.close();
	await postgres?.close();
	rmSync(tmp, { recursive: true, force: true });
});

function startWorker(extra: Record<string, string>): { child: ChildProcess; saw(line: string): Promise<void> } {
	const child = spawn(process.execPath, [path.join(outDir, 'worker-process.js')], {
		env: { ...process.env, LOG_LEVEL: 'warn', BROADCAST_TEST_DB: target, BROADCAST_TEST_EVENTS: path.join(tmp, 'events.json'), BROADCAST_TEST_API_ROOT: bot.apiRoot, ...extra },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let out = '';
	child.stdout!.on('data', (chunk) => (out += String(chunk)));
	return {
		child,
		saw: (line) =>
			new Promise((resolve, reject) => {
				const deadline = Date.now() + 60_000;
				const look = () => (out.includes(line) ? resolve() : Date.now() > deadline ? reject(new Error(`no "${line}" from the worker`)) : setTimeout(look, 10));
				look();
			})
	};
}

async function kill(child: ChildProcess): Promise<void> {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}

const sendsOf = (i: number) => bot.calls.filter((c) => c.method === 'sendMessage' && c.text.includes(`<b>Activité ${i}</b>`));

it('sends every message exactly once though the worker is killed twice in the middle of the queue', async () => {
	// First process: dies while preparing the fourth event (its job claimed, nothing sent for it).
	const first = startWorker({ BROADCAST_TEST_HANG: events[3]!.id, BROADCAST_TEST_LEASE_MS: '1500' });
	await first.saw(`hang ${events[3]!.id}`);
	await kill(first.child);
	const afterFirst = bot.calls.length;
	expect(afterFirst).toBe(3);

	// Second process: dies during its third call, after Telegram posted but before the answer came back.
	const held = bot.holdCall('sendMessage', afterFirst + 2);
	const second = startWorker({ BROADCAST_TEST_LEASE_MS: '1500' });
	const call = await held;
	await kill(second.child);
	const heldIndex = events.findIndex((_, i) => call.text.includes(`<b>Activité ${i}</b>`));
	expect(heldIndex).toBeGreaterThanOrEqual(0);

	// Third start, in this process, once the dead workers' leases are over.
	const h = await open();
	try {
		const clock = manualClock(new Date(Date.now() + 5_000));
		await drain(testWorker(h.db, memorySource(new Map(events.map((e) => [e.id, e]))), clock, bot.apiRoot, { locales: ['fr'] }), clock);
		for (let i = 0; i < events.length; i++) expect(sendsOf(i), `Activité ${i}`).toHaveLength(1);
		expect(bot.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(events.length);
		// The post whose answer was lost is recorded as uncertain, the others with their message ids.
		const posts = await h.db.select().from(broadcastPost);
		expect(posts).toHaveLength(events.length);
		expect(posts.filter((p) => p.state === 'uncertain').map((p) => p.subject)).toEqual([events[heldIndex]!.id]);
		expect(posts.filter((p) => p.state === 'posted' && p.messageId !== null)).toHaveLength(events.length - 1);
		const [job] = await h.db.select().from(broadcastJob).where(eq(broadcastJob.subject, events[3]!.id));
		expect(job).toMatchObject({ outcome: 'posted', phase: 'idle' });
	} finally {
		await release(h);
	}
}, 240_000);
