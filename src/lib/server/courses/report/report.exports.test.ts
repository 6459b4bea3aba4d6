import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '$lib/i18n/locales';
import { createTranslator } from '$lib/i18n/translator';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { messagesFor } from '../../i18n/catalogues';
import { reportCharts } from './report.charts';
import { seedReportWorld } from './report.fixtures';
import { reportPdf } from './report.pdf';
import { presentReport } from './report.presenter';
import { reportWorkbook } from './report.xlsx';
import { buildQuarterlyReport, territoryOptions } from './report.usecases';

let handle: DatabaseHandle;
const dir = mkdtempSync(join(tmpdir(), 'passerelle-report-'));
const now = new Date('2026-11-28T10:00:00Z');
beforeAll(async () => {
	handle = await freshDatabase();
	await seedReportWorld(handle.db);
});
afterAll(async () => {
	await handle?.close();
	rmSync(dir, { recursive: true, force: true });
});

async function presented(locale: Locale) {
	const t = createTranslator(locale, messagesFor(locale, ['courses.']));
	const report = await buildQuarterlyReport(handle.db, '2026-Q3', { kind: 'all' }, now);
	const p = presentReport(report, t, locale, await territoryOptions(handle.db));
	return { t, p, charts: reportCharts(report, p, t, locale, locale === 'ar') };
}
const csvRow = (csv: string, starts: string) => csv.split('\n').find((l) => l.startsWith(starts));
const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

describe('the quarterly report exports', () => {
	it('draws accessible charts: role img, title, description, "<5" instead of a small bar', async () => {
		const { charts } = await presented('fr');
		expect(charts.map((c) => c.id)).toEqual(['chart-supply-demand', 'chart-waiting']);
		const waiting = charts[1]!;
		expect(waiting.svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-waiting-title chart-waiting-desc"/);
		expect(waiting.svg).toContain('<title id="chart-waiting-title">Liste d’attente en fin de trimestre</title>');
		expect(waiting.svg).toContain('&lt;5');
		expect(waiting.rows.find((r) => r.label.endsWith(' A1'))!.cells).toEqual(['<5', '<5']);
		const ar = await presented('ar');
		expect(ar.charts[0]!.svg).toContain('\u202b');
	});

	it('writes a workbook LibreOffice opens: one sheet per table, the notes and the "<5" rule', async () => {
		const { p, t } = await presented('fr');
		const file = join(dir, 'rapport.xlsx');
		writeFileSync(file, await reportWorkbook(p, t));
		// Token 9 = true: cells as formatted; token 12 = -1: one CSV per sheet (rapport-<sheet>.csv); 76 = UTF-8. A private profile so parallel runs do not collide.
		execFileSync(
			'soffice',
			[`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', dir, file],
			{ stdio: 'ignore', timeout: 120_000 }
		);
		const sheets = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
		expect(sheets).toEqual(['rapport-demand.csv', 'rapport-languages.csv', 'rapport-notes.csv', 'rapport-offer.csv', 'rapport-unmet.csv']);
		const read = (name: string) => readFileSync(join(dir, `rapport-${name}.csv`), 'utf8');
		const offer = read('offer');
		expect(offer.split('\n')[0]).toContain('Axe et niveau,Cours,Écart 2026-Q2,Places');
		expect(csvRow(offer, 'Français langue étrangère (FLE) A1')).toMatch(/^Français langue étrangère \(FLE\) A1,2,\+1,22,\+10,12\.0,\+10\.0,/);
		const demand = read('demand');
		// Requests 9 (the previous quarter's one hides the difference), enrolments 6 (+6), waiting <5 (difference blank), median 25 days, childcare <5.
		expect(csvRow(demand, 'Français langue étrangère (FLE) A1')).toBe('Français langue étrangère (FLE) A1,9,,6,+6,<5,,25.0,,<5,');
		expect(csvRow(read('unmet'), 'Total')).toMatch(/^Total,<5,,<5,,<5,,6,$/);
		const notes = read('notes');
		expect(notes).toContain('<5,Les nombres de personnes de 1 à 4 sont affichés « <5 »');
		expect(notes).toContain('Attente médiane (jours),Jours entre la demande et l’inscription');
	}, 180_000);

	it('typesets a PDF with the figures and the charts drawn', async () => {
		const { p, t, charts } = await presented('fr');
		const file = join(dir, 'rapport.pdf');
		writeFileSync(file, await reportPdf(p, charts, t, 'fr', now));
		const text = pdfText(file);
		for (const s of ['État des lieux trimestriel', '2026-Q3', 'Tout le territoire', 'Offre de cours', 'Demande non satisfaite', 'Places et demande par axe et niveau', '<5']) expect(text).toContain(s);
		// Rendered in grey: the bars (blue and amber, mid greys) cover a real area of the chart page.
		const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
		let barPixels = 0;
		for (let page = 1; page <= pages; page++) {
			const pgm = execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', String(page), '-l', String(page), file]);
			const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 30).toString('latin1'))!;
			const pixels = pgm.subarray(header[0].length);
			let mid = 0;
			for (const v of pixels) if (v > 60 && v < 160) mid++;
			barPixels = Math.max(barPixels, mid);
		}
		expect(barPixels).toBeGreaterThan(300);
	}, 60_000);

	it('typesets the Arabic report right to left', async () => {
		const { p, t, charts } = await presented('ar');
		const file = join(dir, 'rapport-ar.pdf');
		writeFileSync(file, await reportPdf(p, charts, t, 'ar', now));
		const text = pdfText(file);
		expect(text).toContain('2026-Q3');
		expect(text.replace(/\s+/g, '')).toContain('المحوروالمستوى');
		expect(text).toContain('<5');
	}, 60_000);
});
