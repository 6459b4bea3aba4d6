// Shared by the benchmarks: a free loopback port, the built app started on one, a throwaway
// PostgreSQL cluster, and the engine set-up of the benches that measure the app over HTTP.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export const freePort = () =>
	new Promise((resolve) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});

/**
 * Starts build/index.js on a free port with `env` and waits for /healthz. No ORIGIN is inherited:
 * links (and the booklet's cache key) follow the Host header of the bench's requests.
 */
export async function startApp(env) {
	const port = await freePort();
	const { ORIGIN: _origin, ...inherited } = process.env;
	const child = spawn(process.execPath, ['build/index.js'], { cwd: root, env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
	const url = `http://127.0.0.1:${port}`;
	for (;;) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			/* starting */
		}
		if (child.exitCode !== null) throw new Error('app exited');
		await new Promise((r) => setTimeout(r, 50));
	}
	return { url, port, stop: () => new Promise((r) => (child.kill('SIGTERM'), child.once('exit', r))) };
}

/** A throwaway PostgreSQL cluster (as .ci/run): as the postgres user when run as root. */
export async function throwawayPostgres() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const version = readdirSync(root).sort((a, b) => Number(a) - Number(b)).pop();
	const bin = path.join(root, version, 'bin');
	const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-bench-pg-'));
	const port = await freePort();
	const asRoot = process.getuid?.() === 0;
	const run = (cmd, args) => {
		if (asRoot) execFileSync('su', ['postgres', '-c', [cmd, ...args.map((a) => `'${a}'`)].join(' ')], { stdio: 'ignore' });
		else execFileSync(cmd, args, { stdio: 'ignore' });
	};
	if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
	run(path.join(bin, 'initdb'), ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
	run(path.join(bin, 'pg_ctl'), ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		version,
		stop: () => {
			try {
				run(path.join(bin, 'pg_ctl'), ['-D', `${dir}/data`, '-m', 'fast', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}

/**
 * Runs an HTTP bench on each engine in `engines` ('postgres', 'pglite'). On each, the app starts once
 * with demo data (migrations, demo accounts), stops; `fill(query)` adds the bench's rows through a
 * plain connection (`query(text, params)` → rows) and returns what `measure` needs; then
 * `measure(label, env, data)` starts the app again itself with `env`.
 * PostgreSQL: a database created and dropped on DATABASE_URL, or a throwaway cluster when it is
 * unset. PGlite: a temporary folder, filled while the app is stopped (one process at a time).
 */
export async function withBenchEngines({ name, engines, fill, measure }) {
	const { default: postgres } = await import('postgres');
	const pg = !engines.includes('postgres') ? null : process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, version: '(DATABASE_URL)', stop: () => {} } : await throwawayPostgres();
	if (pg) {
		try {
			const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
			const database = `passerelle_bench_${name}_${Date.now()}`;
			await admin.unsafe(`create database ${database}`);
			const url = new URL(pg.url);
			url.pathname = `/${database}`;
			try {
				const first = await startApp({ DATABASE_URL: url.toString(), PASSERELLE_DEMO: '1' });
				await first.stop();
				const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
				const t0 = performance.now();
				const data = await fill((q, params) => sql.unsafe(q, params ?? []));
				await sql.end();
				console.log(`PostgreSQL ${pg.version}: filled in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
				await measure(`PostgreSQL ${pg.version}`, { DATABASE_URL: url.toString() }, data);
			} finally {
				await admin.unsafe(`drop database if exists ${database} with (force)`);
				await admin.end();
			}
		} finally {
			pg.stop();
		}
	} else if (engines.includes('postgres')) {
		console.log('\n(PostgreSQL: no /usr/lib/postgresql here and no DATABASE_URL; install postgresql to measure it.)');
	}
	if (!engines.includes('pglite')) return;

	const dataDir = mkdtempSync(path.join(tmpdir(), `passerelle-bench-${name}-`));
	try {
		const first = await startApp({ PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '', PASSERELLE_DEMO: '1' });
		await first.stop();
		const { PGlite } = await import('@electric-sql/pglite');
		const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
		const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
		const db = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm, unaccent } });
		let data;
		try {
			const t0 = performance.now();
			data = await fill(async (q, params) => (await db.query(q, params)).rows);
			console.log(`PGlite: filled in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
		} finally {
			await db.close();
		}
		await measure('PGlite', { PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '' }, data);
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}
