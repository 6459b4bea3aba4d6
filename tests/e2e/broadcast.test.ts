// The Telegram channel's worker inside the built app: started with the server when a token is
// set, pointed at a Bot API on loopback (TELEGRAM_API_ROOT), stopped cleanly by SIGTERM, and never
// printing the token. Refused at start when the token comes without a channel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import { broadcastJob } from '../../src/lib/server/broadcast/broadcast.table';
import { startFakeBotApi } from '../../src/lib/server/broadcast/fake-bot-api';
import { digestWeek } from '../../src/lib/server/broadcast/broadcast.time';
import { runUntilExit, startServer } from './server';

const token = '424242:E2E-secret-token-never-logged';

describe('the channel worker in the app', () => {
	it('runs with the server: the week’s digest is looked at once, then SIGTERM stops everything', async () => {
		const bot = await startFakeBotApi();
		const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-broadcast-'));
		const env = {
			PASSERELLE_DATA_DIR: dataDir,
			PASSERELLE_DEMO: '0',
			TELEGRAM_BOT_TOKEN: token,
			TELEGRAM_CHANNEL: '@agenda_e2e',
			TELEGRAM_API_ROOT: bot.apiRoot,
			TELEGRAM_CHANNEL_LOCALES: 'fr,ar',
			// Due since Monday 00:00: the digest of this week is queued as soon as the worker runs.
			BROADCAST_DIGEST: 'mon 00:00'
		};
		try {
			const server = await startServer(env);
			let code: number | null;
			try {
				const deadline = Date.now() + 20_000;
				while (!server.stdout.some((l) => l.includes('broadcast digest queued')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
			} finally {
				code = await server.stop('SIGTERM');
			}
			expect(code).toBe(0);
			const lines = server.stdout.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
			expect(lines).toContainEqual(expect.objectContaining({ msg: 'ready', channel: true }));
			expect(lines).toContainEqual(expect.objectContaining({ msg: 'stopped' }));
			expect(server.stdout.join('\n') + server.stderr.join('\n')).not.toContain(token.split(':')[1]);
			// Nothing in the agenda on this branch: an empty week posts nothing, and says so.
			expect(bot.calls).toHaveLength(0);
			const db = await openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
			try {
				const week = digestWeek(new Date(), { weekday: 1, hour: 0, minute: 0 }).id;
				const [job] = await db.db.select().from(broadcastJob).where(eq(broadcastJob.subject, week));
				expect(job).toMatchObject({ kind: 'digest', outcome: 'empty', phase: 'idle' });
			} finally {
				await db.close();
			}
		} finally {
			await bot.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});

	it('refuses to start with a token but no channel, in one line without the token', async () => {
		const result = await runUntilExit({ TELEGRAM_BOT_TOKEN: token });
		expect(result.code).toBe(1);
		const lines = result.stderr.filter((l) => l.trim() !== '');
		expect(lines).toEqual(["passerelle: configuration: TELEGRAM_CHANNEL must be set when TELEGRAM_BOT_TOKEN is (the channel's @name or numeric id)"]);
		expect(result.stdout.join('\n')).not.toContain(token);
	});
});
