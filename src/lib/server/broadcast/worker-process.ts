// Test helper: a broadcast worker alone in its process, for broadcast.crash.test.ts to kill with
// SIGKILL in the middle of the queue. Built by that test with Vite; never part of the app.
// Environment: BROADCAST_TEST_DB (a PGlite folder or a postgres:// URL), BROADCAST_TEST_EVENTS
// (a JSON file of events), BROADCAST_TEST_API_ROOT, BROADCAST_TEST_LEASE_MS, and
// BROADCAST_TEST_HANG (an event id whose loading never ends: the worker stops there, its job claimed).
import { readFileSync } from 'node:fs';
import { openDatabase } from '../db/client';
import { memorySource } from './broadcast.samples';
import type { BroadcastEvent } from './broadcast.types';
import { createBroadcastWorker } from './broadcast.worker';

const env = process.env;
const target = env.BROADCAST_TEST_DB!;
const handle = await openDatabase(/^postgres(ql)?:/.test(target) ? { engine: 'postgres', url: target, max: 2 } : { engine: 'pglite', dataDir: target });
const list = JSON.parse(readFileSync(env.BROADCAST_TEST_EVENTS!, 'utf8')) as (BroadcastEvent & { startsAt: string; endsAt: string | null })[];
const events = new Map(list.map((e) => [e.id, { ...e, startsAt: new Date(e.startsAt), endsAt: e.endsAt ? new Date(e.endsAt) : null }]));
const source = memorySource(events, async (id) => {
	if (id !== env.BROADCAST_TEST_HANG) return;
	process.stdout.write(`hang ${id}\n`);
	await new Promise(() => {});
});
const worker = createBroadcastWorker({
	db: handle.db,
	source,
	config: {
		token: '123456:TEST-token-for-the-fake-bot-api',
		channel: '@agenda_test',
		apiRoot: env.BROADCAST_TEST_API_ROOT!,
		locales: ['fr'],
		siteUrl: 'https://passerelle.example.be',
		digest: null,
		leaseMs: Number(env.BROADCAST_TEST_LEASE_MS ?? 120_000),
		pollMs: 100
	}
});
worker.start();
process.stdout.write('ready\n');
