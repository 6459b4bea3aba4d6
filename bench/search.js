// npm run bench -- search
// 20,000 published services (the 200 demo snapshots cloned across the territory), then:
// - the server-side time (Server-Timing) of 10 representative searches, p50 and p95 over 30 rounds;
// - requests per second of the search API with 50 concurrent keep-alive connections for 10 s,
//   beside a bare Node HTTP server measured the same way in the same run.
// On PGlite always; on PostgreSQL too when DATABASE_URL points to a server where we may create databases.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { ensureBuild } from '../scripts/ensure-build.js';
import { freePort, startApp } from './lib.js';

const TARGET = 20_000;
const searches = [
	'q=cours%20de%20fran%C3%A7ais',
	'q=cours%20de%20fran%C3%A7ais&place=Seraing&evening=1&childcare=1',
	'q=fracais&place=Jemeppe',
	'q=%D8%AF%D8%B1%D9%88%D8%B3%20%D8%A7%D9%84%D9%84%D8%BA%D8%A9%20%D8%A7%D9%84%D9%81%D8%B1%D9%86%D8%B3%D9%8A%D8%A9',
	'q=logemen&place=Li%C3%A8ge',
	'need=health&no_papers=1',
	'need=work&place=Huy&km=20',
	'place=Waremme&open_now=1',
	'q=psychologue&lang=ar',
	'need=french&weekend=1&free=1&page=2'
];

/** Clones the demo snapshots until there are 20,000 published services (spread over the 55 municipalities). */
export async function fill(query, municipalities) {
	const demo = await query(`select organisation_id, published from service where published is not null`);
	const rows = [];
	for (let i = demo.length; i < TARGET; i++) {
		const base = demo[i % demo.length];
		const m = municipalities[i % municipalities.length];
		const id = randomUUID();
		const snap = { ...base.published, id, locations: base.published.locations.map((l) => ({ ...l, id: randomUUID(), nisCode: m.nis_code, municipality: m.name_fr, postalCode: m.main_postal_code, lat: m.lat + ((i * 7919) % 100) / 5000, lon: m.lon + ((i * 104729) % 100) / 5000 })) };
		rows.push([id, base.organisation_id, JSON.stringify(snap)]);
	}
	for (let i = 0; i < rows.length; i += 500) {
		const chunk = rows.slice(i, i + 500);
		const values = chunk.map((_, j) => `($${j * 3 + 1}::uuid, $${j * 3 + 2}::uuid, 'published', $${j * 3 + 3}::jsonb, now())`).join(',');
		await query(`insert into service (id, organisation_id, status, published, published_at) values ${values}`, chunk.flat());
	}
	await query(`insert into instance_setting (key, value) values ('directory_version', '1000000'::jsonb) on conflict (key) do update set value = '1000000'::jsonb`);
}

async function percentiles(url) {
	const agent = new Agent({ connections: 1 });
	// The index is built at the first search after start; then each text's first search is "cold".
	await request(`${url}/api/v1/services?need=housing`, { dispatcher: agent }).then((r) => r.body.dump());
	const cold = [];
	for (const s of searches) {
		const res = await request(`${url}/api/v1/services?${s}`, { dispatcher: agent });
		await res.body.dump();
		cold.push(Number(/dur=([\d.]+)/.exec(res.headers['server-timing'])[1]));
	}
	const per = searches.map(() => []);
	for (let round = 0; round < 30; round++) {
		for (const [i, s] of searches.entries()) {
			const res = await request(`${url}/api/v1/services?${s}`, { dispatcher: agent });
			await res.body.dump();
			per[i].push(Number(/dur=([\d.]+)/.exec(res.headers['server-timing'])[1]));
		}
	}
	await agent.close();
	const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))];
	return searches.map((s, i) => ({ search: decodeURIComponent(s), cold: cold[i], p50: pct(per[i], 0.5), p95: pct(per[i], 0.95) }));
}

/** 50 keep-alive connections for `seconds`, cycling through the searches; requests per second. */
async function load(url, paths, seconds = 10) {
	const agent = new Agent({ connections: 50, pipelining: 1 });
	let done = 0;
	let errors = 0;
	const until = Date.now() + seconds * 1000;
	await Promise.all(
		Array.from({ length: 50 }, async (_, w) => {
			let i = w;
			while (Date.now() < until) {
				try {
					const res = await request(`${url}${paths[i++ % paths.length]}`, { dispatcher: agent });
					await res.body.dump();
					if (res.statusCode === 200) done++;
					else errors++;
				} catch {
					errors++;
				}
			}
		})
	);
	await agent.close();
	return { rps: done / seconds, errors };
}

async function bareServer(body = JSON.stringify({ page: 1, total: 0, items: [] })) {
	const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
	const port = await freePort();
	await new Promise((r) => server.listen(port, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(r)) };
}

async function measure(label, env, prepare) {
	await prepare();
	const app = await startApp(env);
	try {
		const table = await percentiles(app.url);
		const paths = searches.map((s) => `/api/v1/services?${s}`);
		const api = await load(app.url, paths);
		// The fair baseline too: a bare Node server sending an answer of the same size (the API's
		// answers are ~10-30 KB of JSON; the bare server's default answer is 30 bytes).
		const sizes = await Promise.all(paths.map(async (p) => (await (await request(`${app.url}${p}`)).body.text()).length));
		const mean = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
		const sameSize = await bareServer(JSON.stringify({ items: 'x'.repeat(Math.max(0, mean - 12)) }));
		const bareSameSize = await load(sameSize.url, ['/'], 10);
		await sameSize.stop();
		return { label, table, api: { ...api, meanBytes: mean, bareSameSize: bareSameSize.rps } };
	} finally {
		await app.stop();
	}
}

function print({ label, table, api }, bare) {
	console.log(`\nsearch, ${TARGET} services, ${label} (server time from Server-Timing, 30 rounds; goal p95 ≤ 10 ms)`);
	for (const r of table) console.log(`  first ${r.cold.toFixed(2).padStart(6)} ms  p50 ${r.p50.toFixed(2).padStart(6)} ms  p95 ${r.p95.toFixed(2).padStart(6)} ms  ${r.search}`);
	console.log(`  API with 50 connections: ${api.rps.toFixed(0)} req/s (${api.errors} errors), answers of ${(api.meanBytes / 1024).toFixed(1)} KB on average`);
	console.log(`    bare Node server, 30-byte answer: ${bare.rps.toFixed(0)} req/s -> ${((100 * api.rps) / bare.rps).toFixed(1)}% (goal ≥ 25%)`);
	console.log(`    bare Node server, answer of the same size: ${api.bareSameSize.toFixed(0)} req/s -> ${((100 * api.rps) / api.bareSameSize).toFixed(1)}%`);
}

export async function run() {
	ensureBuild({ quiet: true });
	const bare = await bareServer();
	const bareRate = await load(bare.url, ['/'], 10);
	await bare.stop();

	// PGlite: start once to migrate and load the demo, fill while stopped, start again to measure.
	const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-bench-search-'));
	try {
		const first = await startApp({ PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '' });
		await first.stop();
		const result = await measure('PGlite', { PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '' }, async () => {
			// The app is stopped: the bench opens the folder alone, fills it, and closes it.
			const { PGlite } = await import('@electric-sql/pglite');
			const db = await PGlite.create(path.join(dataDir, 'pglite'));
			try {
				const municipalities = (await db.query('select nis_code, name_fr, main_postal_code, lat, lon from municipality')).rows;
				await fill(async (q, params) => (await db.query(q, params)).rows, municipalities);
			} finally {
				await db.close();
			}
		});
		print(result, bareRate);
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}

	if (process.env.DATABASE_URL) {
		const { default: postgres } = await import('postgres');
		const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
		const name = `passerelle_bench_${Date.now()}`;
		await admin.unsafe(`create database ${name}`);
		const url = new URL(process.env.DATABASE_URL);
		url.pathname = `/${name}`;
		try {
			const first = await startApp({ DATABASE_URL: url.toString() });
			await first.stop();
			const result = await measure('PostgreSQL', { DATABASE_URL: url.toString() }, async () => {
				const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
				const municipalities = await sql.unsafe('select nis_code, name_fr, main_postal_code, lat, lon from municipality');
				await fill((q, params) => sql.unsafe(q, params ?? []), municipalities);
				await sql.end();
			});
			print(result, bareRate);
		} finally {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	} else {
		console.log('\n(PostgreSQL: set DATABASE_URL to a server where this user may create databases to measure it too.)');
	}
}
