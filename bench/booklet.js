// npm run bench -- booklet
// The printable booklet of the whole demo directory (200 services, no filter) as the built app
// serves it (GET /{lang}/annuaire/livret.pdf), in French and Arabic: the first request after
// start (compiler creation included), then 5 more builds each (a new Host header gives a new
// cache key, so each is typeset again). Target: ≤ 5 s for 200 services.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { ensureBuild } from '../scripts/ensure-build.js';
import { startApp } from './lib.js';

const TARGET_MS = 5000;
const ROUNDS = 5;

async function timed(url, host) {
	const started = performance.now();
	const res = await request(url, { headers: { host } });
	const body = Buffer.from(await res.body.arrayBuffer());
	const ms = performance.now() - started;
	if (res.statusCode !== 200 || body.subarray(0, 5).toString() !== '%PDF-') throw new Error(`${url}: ${res.statusCode}`);
	return { ms, bytes: body.length };
}

export async function run() {
	ensureBuild({ quiet: true });
	const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-bench-booklet-'));
	const app = await startApp({ PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '' });
	try {
		console.log('booklet: 200 demo services, no filter (A5 PDF, Typst)');
		let n = 0;
		for (const locale of ['fr', 'ar']) {
			const url = `${app.url}/${locale}/annuaire/livret.pdf`;
			const first = await timed(url, `127.0.0.1:${app.port}`);
			const times = [];
			for (let i = 0; i < ROUNDS; i++) times.push((await timed(url, `bench-${n++}.localhost:${app.port}`)).ms);
			const again = performance.now();
			await timed(url, `127.0.0.1:${app.port}`);
			const cached = performance.now() - again;
			times.sort((a, b) => a - b);
			const median = times[Math.floor(times.length / 2)];
			console.log(
				`  ${locale}: first ${Math.round(first.ms)} ms, then median ${Math.round(median)} ms, max ${Math.round(times.at(-1))} ms over ${ROUNDS}; ` +
					`same booklet again (kept) ${Math.round(cached)} ms; ${(first.bytes / 1024 / 1024).toFixed(1)} MB — target ≤ ${TARGET_MS} ms: ${times.at(-1) <= TARGET_MS && first.ms <= TARGET_MS ? 'met' : 'MISSED'}`
			);
		}
	} finally {
		await app.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
