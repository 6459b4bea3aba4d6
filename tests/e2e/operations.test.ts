import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { root, runUntilExit, startServer } from './server';

/** A start-up failure is one line on stderr that names the cause: no stack trace. */
function expectOneLineError(result: Awaited<ReturnType<typeof runUntilExit>>, pattern: RegExp) {
	expect(result.code).toBe(1);
	const lines = result.stderr.filter((l) => l.trim() !== '');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(pattern);
	// No stack frame ("    at fn (file:line:col)") and nothing else printed to stderr.
	expect(lines[0]).not.toMatch(/\(\S+:\d+:\d+\)|node:internal/);
}

describe('misconfiguration ends with one clear line', () => {
	it('DATABASE_URL pointing nowhere', async () => {
		const result = await runUntilExit({ DATABASE_URL: 'postgres://passerelle:s3cret@127.0.0.1:1/nothing' });
		expectOneLineError(result, /^passerelle: database: cannot reach PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)/);
		expect(result.stderr.join('\n') + result.stdout.join('\n')).not.toContain('s3cret');
	});

	it('DATABASE_URL that is not a PostgreSQL URL', async () => {
		const result = await runUntilExit({ DATABASE_URL: 'mysql://root:pw@db/x' });
		expectOneLineError(result, /^passerelle: configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
		expect(result.stderr[0]).not.toContain(':pw@');
	});

	it('PASSERELLE_DEMO with a value that is not a flag', async () => {
		const result = await runUntilExit({ PASSERELLE_DEMO: 'maybe' });
		expectOneLineError(result, /^passerelle: configuration: PASSERELLE_DEMO must be 0 or 1 \(got "maybe"\)$/);
	});

	it('a second process on the same embedded database folder', async () => {
		// No demo data: the lock is the point, not the seeding (minutes on a loaded machine).
		const first = await startServer({ PASSERELLE_DEMO: '0' });
		try {
			const second = await runUntilExit({ PASSERELLE_DATA_DIR: first.dataDir });
			expectOneLineError(second, /another Passerelle process \(pid \d+\) is using/);
			expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
		} finally {
			await first.stop();
		}
	}, 120_000);
});

describe('a running server', () => {
	it('keeps its data across a restart, stops cleanly on SIGTERM, and logs JSON without what people typed', async () => {
		const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-restart-'));
		const first = await startServer({ PASSERELLE_DATA_DIR: dataDir, PASSERELLE_DEMO: '0', ORIGIN: 'https://passerelle.example.be' });
		try {
			// Demo off: no banner. ORIGIN is https: HSTS is sent.
			const res = await fetch(`${first.url}/fr`);
			expect(await res.text()).not.toContain('demo-banner');
			expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
			// Demo off: no demo accounts either.
			const signIn = await fetch(`${first.url}/fr/pro/connexion`, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: 'https://passerelle.example.be' },
				body: new URLSearchParams({ email: 'admin@demo.passerelle.be', password: 'passerelle-demo' })
			});
			expect(signIn.status).toBe(400);
			await fetch(`${first.url}/fr/communes?q=Fatima%20Zahra%20Rue%20des%20Roses`);
			await fetch(`${first.url}/fr/communes?q=Fatima`, { headers: { Cookie: 'session=SECRET-TOKEN' } });
			// A booklet starts the typesetting worker thread, which must not keep the process alive.
			const booklet = await fetch(`${first.url}/fr/annuaire/livret.pdf`);
			expect(booklet.headers.get('content-type')).toBe('application/pdf');
			await booklet.arrayBuffer();
		} finally {
			expect(await first.stop('SIGTERM')).toBe(0);
		}
		const lines = first.stdout.filter((l) => l.startsWith('{'));
		expect(lines.length).toBeGreaterThan(2);
		for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
		const log = first.stdout.join('\n') + first.stderr.join('\n');
		expect(log).not.toMatch(/Fatima|Roses|SECRET-TOKEN/);
		// No client address in the JSON request lines (the server's own listening address may show once).
		expect(lines.join('\n')).not.toContain('127.0.0.1');
		expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ route: '/[lang=lang]/communes', status: 200 }));
		expect(lines.map((l) => JSON.parse(l).msg)).toContain('stopped');

		// Same folder again: the instance is the one created first (demo stays off, data kept).
		const again = await startServer({ PASSERELLE_DATA_DIR: dataDir, PASSERELLE_DEMO: '1' });
		try {
			expect(await (await fetch(`${again.url}/fr`)).text()).not.toContain('demo-banner');
		} finally {
			await again.stop();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('backup and restore of the embedded database', () => {
	it('restores a stopped instance into a new folder with its data, and refuses while it runs', async () => {
		const work = mkdtempSync(path.join(tmpdir(), 'passerelle-backup-'));
		const dataDir = path.join(work, 'data');
		const archive = path.join(work, 'backup.tar.gz');
		const npmRun = (script: string, env: Record<string, string>, ...args: string[]) =>
			spawnSync('node', ['scripts/backup.js', script, ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8' });
		try {
			const server = await startServer({ PASSERELLE_DATA_DIR: dataDir, PASSERELLE_DEMO: '0' });
			const whileRunning = npmRun('backup', { PASSERELLE_DATA_DIR: dataDir }, archive);
			expect(whileRunning.status).toBe(1);
			expect(whileRunning.stderr).toMatch(/stop it first/);
			await server.stop();

			expect(npmRun('backup', { PASSERELLE_DATA_DIR: dataDir }, archive).status).toBe(0);
			const restored = path.join(work, 'restored');
			const restore = npmRun('restore', { PASSERELLE_DATA_DIR: restored }, archive);
			expect(restore.status, restore.stderr).toBe(0);
			expect(npmRun('restore', { PASSERELLE_DATA_DIR: restored }, archive).stderr).toMatch(/is not empty/);

			// The restored instance is the one backed up: created without demo data, so no banner.
			const again = await startServer({ PASSERELLE_DATA_DIR: restored, PASSERELLE_DEMO: '1' });
			try {
				const html = await (await fetch(`${again.url}/fr/communes?q=4102`)).text();
				expect(html).toContain('Ougrée');
				expect(html).not.toContain('demo-banner');
			} finally {
				await again.stop();
			}
		} finally {
			rmSync(work, { recursive: true, force: true });
		}
	});
});
