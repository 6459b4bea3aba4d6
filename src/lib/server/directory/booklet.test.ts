import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { bookletData, bookletServices, compactHours, renderPdf, sheetData } from './booklet';
import { directoryDemoSeeder } from './directory.demo';
import { directoryIndex } from './directory.search';
import type { PublishedService } from './directory.types';
import type { SearchIndex } from './search-index';

let handle: DatabaseHandle;
let index: SearchIndex;
const now = new Date('2026-12-02T10:00:00Z');
const origin = 'https://passerelle.example';
const work = mkdtempSync(join(tmpdir(), 'booklet-test-'));

/** The text poppler extracts from a PDF (pdftotext, poppler-utils). */
function pdfText(pdf: Buffer, name: string): string {
	const file = join(work, name);
	writeFileSync(file, pdf);
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
const seraing = { nisCode: '62096', name: 'Seraing' };

beforeAll(async () => {
	handle = await freshDatabase();
	await directoryDemoSeeder.seed(handle.db);
	index = await directoryIndex(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

describe('printable booklet', () => {
	it('keeps the services located in the municipality and of the need chosen', () => {
		const all = bookletServices(index, { municipality: null, need: null });
		expect(all.total).toBe(200);
		const { services } = bookletServices(index, { municipality: seraing, need: 'french' });
		expect(services.length).toBeGreaterThan(0);
		for (const s of services) {
			expect(s.locations.some((l) => l.nisCode === '62096')).toBe(true);
			expect(s.needs.some((n) => ['french', 'alpha', 'fle', 'conversation'].includes(n))).toBe(true);
		}
	});

	it('prints a service name with Typst markup characters literally', async () => {
		const hostile = '#set page(width: 1pt) *bold* _it_ $x^2$ [a] \\ <lab> @ref // not a comment';
		const [base] = bookletServices(index, { municipality: seraing, need: null }).services;
		const s: PublishedService = { ...base!, name: { fr: { text: hostile, status: 'source' } }, organisation: { ...base!.organisation, name: 'Org ` = - + / ~' } };
		const pdf = await renderPdf(await bookletData([s], { locale: 'fr', filters: { municipality: seraing, need: null }, origin, now }), now);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const text = pdfText(pdf, 'hostile.pdf').replace(/\s+/g, ' ');
		expect(text).toContain(hostile);
		expect(text).toContain('Org ` = - + / ~');
		// In Arabic the line breaks elsewhere and pdftotext adds direction marks: the pieces are there as typed.
		const sheet = pdfText(await renderPdf(await sheetData(s, { locale: 'ar', origin, now }), now), 'hostile-sheet.pdf').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
		for (const piece of ['page(width: 1pt) *bold*', '$x^2$ [a] \\ <lab> @ref', 'Org ` = - + /']) expect(sheet).toContain(piece);
	});

	it('typesets beside the server, not in its way: a timer set after asking for a booklet runs before the booklet is done', async () => {
		const { services } = bookletServices(index, { municipality: null, need: null });
		const data = await bookletData(services, { locale: 'ar', filters: { municipality: null, need: null }, origin, now });
		const order: string[] = [];
		const pdf = renderPdf(data, now).then((b) => {
			order.push('booklet');
			return b;
		});
		await new Promise((r) => setTimeout(r, 0));
		order.push('timer');
		const bytes = await pdf;
		expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(order).toEqual(['timer', 'booklet']);
		// Only the fonts shipped in assets/fonts are embedded (never the machine's own).
		const file = join(work, 'fonts.pdf');
		writeFileSync(file, bytes);
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
		expect(fonts.length).toBeGreaterThan(0);
		for (const f of fonts) expect(f).toMatch(/^Noto/);
	});

	it('gives each service its page in the municipality index', async () => {
		const { services } = bookletServices(index, { municipality: seraing, need: null });
		const data = await bookletData(services, { locale: 'en', filters: { municipality: seraing, need: null }, origin, now });
		const text = pdfText(await renderPdf(data, now), 'en.pdf');
		const indexPart = text.slice(text.lastIndexOf('Index by municipality'));
		expect(indexPart).toContain('Seraing');
		const first = data.index.find((m) => m.municipality === 'Seraing')!.entries[0]!;
		// "Name .... 7": the name is followed by a page number after the cover and "how to use" pages.
		const line = indexPart.split('\n').findIndex((l) => l.includes(first.name.slice(0, 20)));
		expect(line).toBeGreaterThan(-1);
		expect(text).toContain('How to use this booklet');
		expect(text).toContain('Printed on December 2, 2026');
	});

	it('writes weekly hours compactly, days with the same hours together', () => {
		const week = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '12:00' }));
		expect(compactHours([...week, { weekday: 6, opensAt: '10:00', closesAt: '12:00' }], 'en')).toEqual(['Mon–Fri 09:00–12:00', 'Sat 10:00–12:00']);
		expect(compactHours([{ weekday: 2, opensAt: '14:00', closesAt: '16:00' }, { weekday: 2, opensAt: '09:00', closesAt: '12:00' }], 'fr')).toEqual(['mar. 09:00–12:00, 14:00–16:00']);
	});
});
