// npm run bench -- import
// The spreadsheet import as a directory editor uses it, against the built app on PGlite (demo
// data): a CSV of 10,000 generated new services is uploaded, checked (dry run) and imported,
// while its progress page is asked for every 200 ms (how many values it showed, and its slowest
// answer); then the whole directory (10,200 services) is exported and checked again (the round
// trip: 0 changes expected). Target: import of 10,000 services ≤ 15 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureBuild } from '../scripts/ensure-build.js';
import { startApp } from './lib.js';

const ROWS = 10_000;
const TARGET_MS = 15_000;

const csvCells = (line) => (line.match(/("([^"]|"")*"|[^;]*)(;|$)/g) ?? []).slice(0, -1).map((c) => c.replace(/;$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));

export async function run() {
	ensureBuild({ quiet: true });
	const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-bench-import-'));
	// adapter-node refuses bodies over 512 KB unless told otherwise; the import accepts 5 MB.
	const app = await startApp({ PASSERELLE_DATA_DIR: dataDir, DATABASE_URL: '', BODY_SIZE_LIMIT: '6M' });
	const { url } = app;
	try {
		const signIn = await fetch(`${url}/fr/pro/connexion`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
			body: new URLSearchParams({ email: 'editeur@demo.passerelle.be', password: 'passerelle-demo' })
		});
		const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
		if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);
		const headers = { cookie, origin: url, accept: 'text/html' };

		const exportCsv = async () => (await (await fetch(`${url}/fr/pro/moderation/export.csv`, { headers })).text()).replace(/^\uFEFF/, '');
		const demo = (await exportCsv()).trimEnd().split('\r\n');
		const header = csvCells(demo[0]);
		const sample = demo.slice(1).map(csvCells);
		const col = (name) => header.indexOf(name);
		const lines = [demo[0]];
		for (let i = 0; i < ROWS; i++) {
			const row = [...sample[i % sample.length]];
			row[col('id')] = '';
			row[col('Nom du service')] = `Service importé ${i + 1}`;
			row[col('Téléphone')] = `04 ${String(300 + (i % 600)).padStart(3, '0')} 00 ${String(i % 100).padStart(2, '0')}`;
			lines.push(row.map((v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(';'));
		}
		const csv = `\uFEFF${lines.join('\r\n')}\r\n`;

		async function importFile(name, text) {
			const form = new FormData();
			form.set('scope', 'all');
			form.set('file', new Blob([text], { type: 'text/csv' }), name);
			let t = performance.now();
			const up = await fetch(`${url}/fr/pro/import?/upload`, { method: 'POST', body: form, headers, redirect: 'manual' });
			const page = up.headers.get('location');
			if (up.status !== 303 || !page) throw new Error(`upload: ${up.status} ${(await up.text()).slice(0, 300)}`);
			const upload = performance.now() - t;
			const mapping = new URLSearchParams(header.map((_, i) => [`col-${i}`, ['id', 'organisation', 'name', 'description', 'needs', 'street', 'postalCode', 'municipality', 'phone', 'email', 'url', 'accessModes', 'free', 'feeDetails', 'childcare', 'wheelchair', 'noPapers', 'audiences', 'welcomeType', 'womenOnly', 'ageMin', 'ageMax', 'capacity', 'languages', 'hours1', 'hours2', 'hours3', 'hours4', 'hours5', 'hours6', 'hours7', 'closedOnPublicHolidays', 'documents'][i]]));
			t = performance.now();
			const map = await fetch(`${url}${page}?/map`, { method: 'POST', body: mapping, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
			if (map.status !== 303) throw new Error(`map: ${map.status}`);
			const checked = await (await fetch(`${url}${page}`, { headers })).text();
			const dryRun = performance.now() - t;
			const counts = [...checked.matchAll(/<th scope="row">([^<]+)<\/th><td>([^<]+)<\/td>/g)].map((m) => `${m[1]}: ${m[2]}`).join(', ');
			if (!checked.includes('action="?/apply"')) return { upload, dryRun, counts, apply: null };
			t = performance.now();
			const apply = await fetch(`${url}${page}?/apply`, { method: 'POST', body: new URLSearchParams(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
			if (apply.status !== 303) throw new Error(`apply: ${apply.status}`);
			// The progress page, as its starter's browser asks for it (answered from memory on PGlite).
			const seen = new Set();
			let slowest = 0;
			for (;;) {
				const asked = performance.now();
				const res = await fetch(`${url}${page}/progress`, { headers, redirect: 'manual' });
				const html = await res.text();
				slowest = Math.max(slowest, performance.now() - asked);
				if (res.status === 303) break;
				const progress = /<progress[^>]*value="(\d+)"/.exec(html);
				if (!progress) throw new Error(`progress page: ${res.status}`);
				seen.add(progress[1]);
				await new Promise((r) => setTimeout(r, 200));
			}
			const done = await (await fetch(`${url}${page}`, { headers })).text();
			if (!done.includes('Import terminé')) throw new Error('import failed');
			return { upload, dryRun, counts, apply: performance.now() - t, progressSteps: seen.size, slowest };
		}

		console.log(`import: ${ROWS.toLocaleString('en')} new services in a CSV of ${(csv.length / 1024 / 1024).toFixed(1)} MB (PGlite, directory editor, whole directory)`);
		const first = await importFile('bench.csv', csv);
		console.log(`  upload + read      ${(first.upload / 1000).toFixed(2)} s`);
		console.log(`  dry run            ${(first.dryRun / 1000).toFixed(2)} s   (${first.counts})`);
		console.log(`  import             ${(first.apply / 1000).toFixed(2)} s   (target ≤ ${TARGET_MS / 1000} s: ${first.apply <= TARGET_MS ? 'met' : 'MISSED'}; progress seen at ${first.progressSteps} different values, slowest progress answer ${Math.round(first.slowest)} ms)`);
		console.log(`  total              ${((first.upload + first.dryRun + first.apply) / 1000).toFixed(2)} s`);

		const all = await exportCsv();
		const again = await importFile('round-trip.csv', `\uFEFF${all}`);
		console.log(`round trip: export of the whole directory, imported again`);
		console.log(`  upload + read      ${(again.upload / 1000).toFixed(2)} s`);
		console.log(`  dry run            ${(again.dryRun / 1000).toFixed(2)} s   (${again.counts})`);
	} finally {
		await app.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
