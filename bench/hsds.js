// npm run bench -- hsds
// The Open Referral HSDS 3.0 API at 20,000 published services (the search bench's data: the 200
// demo snapshots cloned across the territory), on PGlite: p50 and p95 of the time a client waits
// for a whole answer (and the server's own time, from Server-Timing) over 200 requests each, one
// connection. Identical queries reuse the page already written (as /api/v1 shares answers), so
// one row asks a different page each time to show the uncached cost. Goal: /api/hsds/services?per_page=50 p95 ≤ 20 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { ensureBuild } from '../scripts/ensure-build.js';
import { startApp } from './lib.js';
import { fill } from './search.js';

const ROUNDS = 200;
const paths = [
	'/api/hsds/services?per_page=50',
	// A different page at each request: no written page to reuse (the uncached cost).
	'/api/hsds/services?per_page=50&page={n}',
	'/api/hsds/services?per_page=50&page=237',
	'/api/hsds/services?per_page=50&taxonomy_term_id=fle',
	'/api/hsds/services?per_page=50&search=logement',
	'/api/hsds/services?per_page=50&locale=ar&modified_after=2000-01-01',
	'/api/hsds/service_at_locations?per_page=50',
	'/api/hsds/organizations?per_page=50'
];

const pct = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))];

async function measure(url) {
	const agent = new Agent({ connections: 1 });
	// The index and the HSDS catalogue are built at the first request after start.
	const warm = performance.now();
	await request(`${url}/api/hsds/services?per_page=1`, { dispatcher: agent }).then((r) => r.body.dump());
	const firstMs = performance.now() - warm;
	const rows = [];
	for (const p of paths) {
		const wall = [];
		const server = [];
		let bytes = 0;
		for (let i = 0; i < ROUNDS; i++) {
			const t = performance.now();
			const res = await request(`${url}${p.replace('{n}', String(1 + i))}`, { dispatcher: agent });
			const body = await res.body.text();
			wall.push(performance.now() - t);
			if (res.statusCode !== 200) throw new Error(`${p}: ${res.statusCode}`);
			server.push(Number(/dur=([\d.]+)/.exec(res.headers['server-timing'] ?? '')?.[1] ?? NaN));
			bytes = body.length;
		}
		rows.push({ path: p, p50: pct(wall, 0.5), p95: pct(wall, 0.95), server95: pct(server, 0.95), kb: bytes / 1024 });
	}
	// The whole directory as NDJSON, once.
	const t = performance.now();
	const res = await request(`${url}/api/hsds/services?format=ndjson`, { dispatcher: agent });
	const text = await res.body.text();
	const ndjson = { ms: performance.now() - t, lines: text.split('\n').length - 1, mb: text.length / 1024 / 1024 };
	await agent.close();
	return { firstMs, rows, ndjson };
}

export async function run() {
	ensureBuild({ quiet: true });
	const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-bench-hsds-'));
	try {
		const first = await startApp({ PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '' });
		await first.stop();
		const { PGlite } = await import('@electric-sql/pglite');
		const db = await PGlite.create(path.join(dataDir, 'pglite'));
		try {
			const municipalities = (await db.query('select nis_code, name_fr, main_postal_code, lat, lon from municipality')).rows;
			await fill(async (q, params) => (await db.query(q, params)).rows, municipalities);
		} finally {
			await db.close();
		}
		const app = await startApp({ PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '' });
		try {
			const { firstMs, rows, ndjson } = await measure(app.url);
			console.log(`\nHSDS 3.0 API, 20000 services, PGlite (client wall time, ${ROUNDS} requests each, one keep-alive connection; goal: services?per_page=50 p95 ≤ 20 ms)`);
			console.log(`  first request (index and catalogue built): ${firstMs.toFixed(0)} ms`);
			for (const r of rows) console.log(`  p50 ${r.p50.toFixed(2).padStart(6)} ms  p95 ${r.p95.toFixed(2).padStart(6)} ms  (server p95 ${r.server95.toFixed(2)} ms, ${r.kb.toFixed(1)} KB)  ${r.path}`);
			console.log(`  format=ndjson, every service: ${ndjson.lines} lines, ${ndjson.mb.toFixed(1)} MB in ${ndjson.ms.toFixed(0)} ms`);
		} finally {
			await app.stop();
		}
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}
