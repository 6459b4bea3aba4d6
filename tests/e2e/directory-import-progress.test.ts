import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recogniseHeader } from '../../src/lib/server/directory/spreadsheet/columns';
import { expectAccessible, launchBrowser, newPage } from './browser';
import { startServer, type RunningServer } from './server';

// A large import on the embedded database (PGlite, one connection, held by the import's
// transaction): the person who started it sees the bar move, served from memory; another
// person's request, and any other page, wait for the database and get their normal answer.
const ROWS = 4000;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	// A server of its own: thousands of imported services would weigh on the other suites.
	[server, browser] = await Promise.all([startServer({ PASSERELLE_DEMO: '1' }, { fromDemoTemplate: true }), launchBrowser()]);
}, 240_000);
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const cells = (line: string) => (line.match(/("([^"]|"")*"|[^;]*)(;|$)/g) ?? []).slice(0, -1).map((c) => c.replace(/;$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
const line = (values: string[]) => values.map((v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(';');

async function signIn(email: string): Promise<string> {
	const url = server.url;
	const res = await fetch(`${url}/fr/pro/connexion`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
		body: new URLSearchParams({ email, password: 'passerelle-demo' })
	});
	const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
	expect(cookie).toMatch(/^passerelle_session=/);
	return cookie;
}

const progressOf = (html: string) => {
	const m = /<progress[^>]*max="(\d+)"[^>]*value="(\d+)"/.exec(html);
	return m ? { total: Number(m[1]), done: Number(m[2]) } : null;
};

describe('following a large import on PGlite', () => {
	it('shows its starter the bar moving while the import holds the database; nobody else sees it', async () => {
		const base = server.url;
		const editor = await signIn('editeur@demo.passerelle.be');
		const other = await signIn('ili.admin@demo.passerelle.be');
		const as = (cookie: string, more: Record<string, string> = {}) => ({ cookie, origin: base, accept: 'text/html', ...more });

		// 4,000 new services made from the demo directory's own rows.
		const exported = (await (await fetch(`${base}/fr/pro/moderation/export.csv`, { headers: as(editor) })).text()).replace(/^\uFEFF/, '');
		const [headerLine, ...demo] = exported.trimEnd().split('\r\n');
		const header = cells(headerLine!);
		const sample = demo.map(cells);
		const rows = Array.from({ length: ROWS }, (_, i) => {
			const row = [...sample[i % sample.length]!];
			row[header.indexOf('id')] = '';
			row[header.indexOf('Nom du service')] = `Atelier importé ${i + 1}`;
			return line(row);
		});
		const form = new FormData();
		form.set('scope', 'all');
		form.set('file', new Blob([`\uFEFF${[headerLine, ...rows].join('\r\n')}\r\n`], { type: 'text/csv' }), 'grand-fichier.csv');
		const upload = await fetch(`${base}/fr/pro/import?/upload`, { method: 'POST', body: form, headers: as(editor), redirect: 'manual' });
		expect(upload.status).toBe(303);
		const page = upload.headers.get('location')!;
		const progressPage = `${base}${page}/progress`;
		const mapping = new URLSearchParams(header.map((h, i) => [`col-${i}`, recogniseHeader(h) ?? '']));
		const map = await fetch(`${base}${page}?/map`, { method: 'POST', body: mapping, headers: as(editor, { 'content-type': 'application/x-www-form-urlencoded' }), redirect: 'manual' });
		expect(map.status).toBe(303);
		expect(await (await fetch(`${base}${page}`, { headers: as(editor) })).text()).toContain('action="?/apply"');

		const apply = await fetch(`${base}${page}?/apply`, { method: 'POST', body: new URLSearchParams(), headers: as(editor, { 'content-type': 'application/x-www-form-urlencoded' }), redirect: 'manual' });
		expect(apply.status).toBe(303);
		expect(apply.headers.get('location')).toBe(`${page}/progress`);

		// Meanwhile: another person with the page's address, the starter on another page, someone signed out.
		const othersView = fetch(progressPage, { headers: as(other), redirect: 'manual' }).then(async (r) => ({ status: r.status, body: await r.text() }));
		const otherPage = fetch(`${base}/fr/pro`, { headers: as(editor), redirect: 'manual' }).then((r) => r.status);
		const anonymous = await fetch(progressPage, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/fr/pro/connexion');

		const seen: { done: number; total: number }[] = [];
		let running = '';
		for (;;) {
			const res = await fetch(progressPage, { headers: as(editor), redirect: 'manual' });
			if (res.status === 303) {
				expect(res.headers.get('location')).toBe(page);
				break;
			}
			expect(res.status).toBe(200);
			const html = await res.text();
			const progress = progressOf(html);
			expect(progress).not.toBeNull();
			seen.push(progress!);
			if (progress!.done > 0 && progress!.done < progress!.total) running = html;
			await new Promise((r) => setTimeout(r, 100));
		}
		// The bar moved: at least one value strictly between the start and the end was served.
		expect(seen.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
		expect(seen.at(-1)!.total).toBe(ROWS);
		// Without JavaScript the page reloads itself (and says how to stop that).
		expect(running).toContain('<noscript><meta http-equiv="refresh" content="2"');
		expect(running).toContain('?auto=0');

		const result = await (await fetch(`${base}${page}`, { headers: as(editor) })).text();
		expect(result).toContain('Import terminé');
		expect(result).toMatch(/Nouveaux services<\/th><td>4[\s\u202f\u00a0.]?000</);
		// The other requests waited for the database and got their usual answer: no deadlock, no leak.
		const theirs = await othersView;
		expect(theirs.status).toBe(404);
		expect(theirs.body).not.toContain('<progress');
		expect(await otherPage).toBe(200);

		// The page as served mid-import, in a browser with the site's styles: accessible (axe).
		const tab = await newPage(browser);
		await tab.context().addCookies([{ name: 'passerelle_session', value: editor.split('=')[1]!, url: base }]);
		await tab.route(progressPage, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: running }));
		await tab.goto(progressPage);
		expect(await tab.locator('label[for="import-progress"]').textContent()).toMatch(/Services enregistrés/);
		await expectAccessible(tab);
		// With JavaScript the page asks again every second; now that the import has ended, it goes to the result.
		await tab.unroute(progressPage);
		await tab.waitForURL(`${base}${page}`);
		expect(await tab.locator('main').textContent()).toContain('Import terminé');
		await tab.context().close();
	});
});
