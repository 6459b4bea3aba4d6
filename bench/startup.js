// Start-up, memory and page weight of the public site, as a newcomer's phone and an operator see it.
// - time from process start to the first 200 of /fr: on a new embedded database, then on an existing one
// - idle RSS after the first requests
// - bytes of the home page with all its assets, compressed as served (gzip and brotli)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { ensureBuild } from '../scripts/ensure-build.js';
import { freePort } from './lib.js';

const root = path.resolve(import.meta.dirname, '..');

async function start(dataDir) {
	const port = await freePort();
	const t0 = performance.now();
	const child = spawn(process.execPath, ['build/index.js'], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PASSERELLE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (;;) {
		try {
			const res = await fetch(`${url}/fr`);
			if (res.status === 200) break;
		} catch {
			/* not yet */
		}
		if (child.exitCode !== null) throw new Error('server exited');
		await new Promise((r) => setTimeout(r, 10));
	}
	return { child, url, ms: performance.now() - t0 };
}

function rssMiB(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function stop(child) {
	child.kill('SIGTERM');
	await new Promise((r) => child.once('exit', r));
}

/** The page and every asset it references (stylesheets, scripts, images, icons), compressed. */
async function pageWeight(url, pagePath) {
	const html = await (await fetch(url + pagePath)).text();
	const base = new URL(pagePath, url + '/');
	const refs = new Set();
	for (const m of html.matchAll(/<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"]+)"/g)) refs.add(new URL(m[1], base).href);
	const gz = (buf) => gzipSync(buf, { level: 6 }).length;
	const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
	const htmlBuf = Buffer.from(html);
	let totals = { raw: htmlBuf.length, gzip: gz(htmlBuf), brotli: br(htmlBuf) };
	const assets = [];
	for (const ref of refs) {
		const buf = Buffer.from(await (await fetch(ref)).arrayBuffer());
		// adapter-node serves precompressed .gz/.br files for the build's assets; these match them.
		assets.push({ ref: ref.replace(url, ''), raw: buf.length, gzip: gz(buf), brotli: br(buf) });
		totals = { raw: totals.raw + buf.length, gzip: totals.gzip + gz(buf), brotli: totals.brotli + br(buf) };
	}
	return { html: htmlBuf.length, assets, totals };
}

export async function run() {
	ensureBuild({ quiet: true });
	const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-bench-'));
	try {
		const first = await start(dataDir);
		await stop(first.child);
		const runs = [];
		let last;
		for (let i = 0; i < 3; i++) {
			last = await start(dataDir);
			runs.push(last.ms);
			if (i < 2) await stop(last.child);
		}
		for (let i = 0; i < 20; i++) await fetch(`${last.url}/fr`);
		await new Promise((r) => setTimeout(r, 2000));
		const rss = rssMiB(last.child.pid);
		const weights = {};
		for (const [locale, p] of [['fr', '/fr'], ['ar', '/ar']]) weights[locale] = await pageWeight(last.url, p);
		await stop(last.child);

		const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
		console.log('\nstartup (embedded PGlite, this machine)');
		console.log(`  first start, new database      ${first.ms.toFixed(0)} ms  (creates the database, migrates, loads the territory and demo data)`);
		console.log(`  later start, existing database ${Math.min(...runs).toFixed(0)} ms  (best of 3; all: ${runs.map((r) => r.toFixed(0)).join(', ')} ms)`);
		console.log(`  idle RSS after 20 requests     ${rss.toFixed(0)} MiB`);
		for (const [locale, w] of Object.entries(weights)) {
			console.log(`home page /${locale}: ${1 + w.assets.length} files, ${kb(w.totals.raw)} raw, ${kb(w.totals.gzip)} gzip, ${kb(w.totals.brotli)} brotli  (goal ≤ 40 KB compressed)`);
			for (const a of w.assets) console.log(`    ${a.ref}  ${kb(a.raw)} raw, ${kb(a.gzip)} gzip`);
		}
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}
