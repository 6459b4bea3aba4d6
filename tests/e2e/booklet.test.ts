import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage } from './browser';
import { root } from './server';

// The printable booklet ("répertoire physique") and service sheet, against the built app and its
// 200 demo services; the PDFs are read with poppler (pdftotext, pdftoppm), as a person's viewer would.
const base = inject('baseURL');
const catalogue = (l: string): Record<string, string> => JSON.parse(readFileSync(path.join(root, 'src/lib/i18n/messages', `${l}.json`), 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'booklet-e2e-'));
const marks = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => browser?.close());

async function download(url: string, name: string): Promise<{ file: string; response: Response }> {
	const response = await fetch(url);
	const file = path.join(work, name);
	writeFileSync(file, Buffer.from(await response.arrayBuffer()));
	return { file, response };
}
const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const oneLine = (s: string) => s.replace(marks, '').replace(/\s+/g, ' ');

/** A published demo service located in Seraing, with its name as its page shows it in a language. */
async function seraingService(locale: string): Promise<{ id: string; name: string }> {
	const html = await (await fetch(`${base}/fr/annuaire?q=cours+de+fran%C3%A7ais&place=Seraing`)).text();
	const ids = [...html.matchAll(/\/annuaire\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
	for (const id of ids) {
		const page = await (await fetch(`${base}/${locale}/annuaire/${id}`)).text();
		if (!/<address[^>]*>[^<]*4100 Seraing/.test(page)) continue;
		const name = /<h1[^>]*>([^<]+)<\/h1>/.exec(page)![1]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
		// Other suites edit some Seraing services in French, which sets their Arabic names aside.
		if (locale === 'ar' && !/[\u0600-\u06ff]/.test(name)) continue;
		return { id, name };
	}
	throw new Error('no demo service in Seraing');
}

/**
 * The text lines of one page's body (footer left out) as pdftotext -bbox-layout places their
 * words: left and right edges of each line (words within 6 pt of one baseline make one line; lines are ~17 pt apart).
 */
function lines(file: string, page: number): { xMin: number; xMax: number; text: string }[] {
	const xml = pdftotext(file, '-bbox-layout', '-f', String(page), '-l', String(page));
	const rows = new Map<number, { xMin: number; xMax: number; text: string }>();
	for (const m of xml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
		const [xMin, xMax, yMax] = [Number(m[1]), Number(m[2]), Number(m[3])];
		if (yMax > 540) continue;
		const key = [...rows.keys()].find((y) => Math.abs(y - yMax) <= 6) ?? yMax;
		const row = rows.get(key) ?? { xMin, xMax, text: '' };
		rows.set(key, { xMin: Math.min(row.xMin, xMin), xMax: Math.max(row.xMax, xMax), text: `${row.text} ${m[4]}` });
	}
	return [...rows.values()];
}

describe('printable booklet', () => {
	it('the Seraing booklet in Arabic is a PDF with the services’ Arabic names, the index, and right-to-left pages', async () => {
		const { id, name } = await seraingService('ar');
		expect(name).toMatch(/[\u0600-\u06ff]/);
		const { file, response } = await download(`${base}/ar/annuaire/livret.pdf?municipality=Seraing`, 'seraing-ar.pdf');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toMatch(/^inline; filename="passerelle-livret-ar-seraing\.pdf"$/);
		expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
		const text = oneLine(pdftotext(file));
		const t = catalogue('ar');
		expect(text).toContain(oneLine(name));
		// (pdftotext garbles words with a shadda, as in the title of "how to use": not checked here.)
		expect(text).toContain(t['directory.booklet.indexTitle']);
		const index = text.slice(text.lastIndexOf(t['directory.booklet.indexTitle']!));
		expect(index).toContain('Seraing');
		expect(index).toContain(oneLine(name));
		// The service sheet of the same service prints the same name.
		const sheet = await download(`${base}/ar/annuaire/${id}/fiche.pdf`, 'sheet-ar.pdf');
		expect(sheet.response.headers.get('content-type')).toBe('application/pdf');
		expect(oneLine(pdftotext(sheet.file))).toContain(oneLine(name));

		// Page 2 ("how to use"): Arabic paragraphs end flush right, their short last lines start
		// away from the left margin; the same page in French is flush left.
		const ar = lines(file, 2).filter((l) => /[\u0600-\u06ff]/.test(l.text));
		expect(ar.length).toBeGreaterThan(5);
		const right = Math.max(...ar.map((l) => l.xMax));
		const left = Math.min(...ar.map((l) => l.xMin));
		expect(ar.every((l) => right - l.xMax < 2)).toBe(true);
		expect(ar.some((l) => l.xMin - left > 40)).toBe(true);
		const fr = await download(`${base}/fr/annuaire/livret.pdf?municipality=62096`, 'seraing-fr.pdf');
		const frLines = lines(fr.file, 2);
		const frLeft = Math.min(...frLines.map((l) => l.xMin));
		expect(frLines.every((l) => l.xMin - frLeft < 2)).toBe(true);
		expect(frLines.some((l) => right - 40 > l.xMax)).toBe(true);

		// Rendered to pictures, as a printer or viewer would.
		execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', file, path.join(work, 'seraing-ar')], { stdio: 'ignore' });
		expect(statSync(path.join(work, 'seraing-ar-2.png')).size).toBeGreaterThan(2000);
	});

	it('the Seraing booklet in Tigrinya is in Ethiopic script with the services’ names', async () => {
		const { name } = await seraingService('ti');
		const { file, response } = await download(`${base}/ti/annuaire/livret.pdf?municipality=62096&need=french`, 'seraing-ti.pdf');
		expect(response.status).toBe(200);
		const text = oneLine(pdftotext(file));
		const t = catalogue('ti');
		expect(text).toContain(t['directory.booklet.howTitle']);
		expect(text).toContain(t['needs.french']);
		expect(text).toContain(oneLine(name));
		expect(text.slice(text.lastIndexOf(t['directory.booklet.indexTitle']!))).toContain('Seraing');
	});

	it('answers bad parameters with a 400 page in the reader’s language, not an error', async () => {
		for (const [query, key] of [
			['municipality=Atlantis', 'directory.booklet.errors.municipality'],
			['need=nothing', 'directory.booklet.errors.need']
		] as const) {
			const response = await fetch(`${base}/ar/annuaire/livret.pdf?${query}`);
			expect(response.status).toBe(400);
			expect(response.headers.get('content-type')).toContain('text/html');
			const html = await response.text();
			expect(html).toContain('<html lang="ar" dir="rtl">');
			expect(html).toContain(catalogue('ar')[key]);
			expect(html).toContain('href="/ar/annuaire/livret"');
		}
		expect((await fetch(`${base}/fr/annuaire/00000000-0000-4000-8000-000000000000/fiche.pdf`)).status).toBe(404);
	});

	for (const locale of ['fr', 'ar']) {
		it(`the form works without JavaScript and is accessible (${locale})`, async () => {
			const t = catalogue(locale);
			const page = await newPage(browser, { javaScriptEnabled: false });
			await page.goto(`${base}/${locale}/annuaire`);
			await page.getByRole('link', { name: t['directory.booklet.link'] }).click();
			await page.waitForURL(`${base}/${locale}/annuaire/livret`);
			// axe runs as a script: it checks the same page in a context where scripts may run.
			const checked = await newPage(browser);
			await checked.goto(page.url());
			await expectAccessible(checked);
			await checked.context().close();
			await page.getByLabel(t['directory.booklet.municipality']!).selectOption({ label: 'Seraing' });
			await page.getByLabel(t['directory.booklet.need']!, { exact: true }).selectOption({ label: t['needs.french']! });
			// The browser asks for the PDF with the choices as a plain GET; its answer is checked below.
			let asked: URL | null = null;
			await page.route('**/livret.pdf?*', (route) => {
				asked = new URL(route.request().url());
				return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>PDF</title><p>PDF</p>' });
			});
			await page.getByRole('button', { name: t['directory.booklet.submit'] }).click();
			await page.waitForURL(/livret\.pdf/);
			expect(asked!.pathname).toBe(`/${locale}/annuaire/livret.pdf`);
			expect(Object.fromEntries(asked!.searchParams)).toEqual({ municipality: '62096', need: 'french' });
			const pdf = await fetch(`${base}${asked!.pathname}${asked!.search}`);
			expect(pdf.status).toBe(200);
			expect(pdf.headers.get('content-type')).toBe('application/pdf');
			await page.context().close();
		});
	}

	it('the service page links to its printable sheet', async () => {
		const { id } = await seraingService('fr');
		const html = await (await fetch(`${base}/fr/annuaire/${id}`)).text();
		expect(html).toContain(`href="/fr/annuaire/${id}/fiche.pdf"`);
		expect(html).toContain(catalogue('fr')['directory.booklet.sheetLink']);
	});
});
