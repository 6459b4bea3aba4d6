import ExcelJS from 'exceljs';
import type { Translate } from '$lib/i18n/translator';
import type { PresentedReport, Table } from './report.presenter';

/**
 * The report as a workbook: one sheet per table (frozen header, numbers as numbers with their
 * format, "<5" as text where a small count is hidden, a "Δ" column beside each figure for the
 * change since the previous quarter), and a notes sheet explaining each figure and the "<5" rule.
 * Sheet names are the tables' ids (short, ASCII, stable for scripts); titles are in the language.
 */
export async function reportWorkbook(p: PresentedReport, t: Translate): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Passerelle';
	for (const table of p.tables) addTableSheet(workbook, table, p, t);
	const notes = workbook.addWorksheet('notes', { views: [{ state: 'frozen', ySplit: 1 }] });
	notes.columns = [
		{ header: t('courses.report.figure'), key: 'figure', width: 42 },
		{ header: t('courses.report.notes'), key: 'note', width: 110 }
	];
	notes.getRow(1).font = { bold: true };
	notes.addRow([t('courses.report.title'), `${p.quarter} — ${p.territory}${p.provisional ? ` (${t('courses.report.provisional')})` : ''}`]);
	notes.addRow(['<5', p.rule]);
	notes.addRow([t('courses.report.delta'), t('courses.report.compared', { previous: p.previous })]);
	const seen = new Set<string>();
	for (const table of p.tables)
		for (const c of table.columns) {
			if (seen.has(c.key)) continue;
			seen.add(c.key);
			notes.addRow([c.label, c.note]);
		}
	notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTableSheet(workbook: ExcelJS.Workbook, table: Table, p: PresentedReport, t: Translate) {
	const sheet = workbook.addWorksheet(table.id, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
	const delta = t('courses.report.delta');
	sheet.columns = [
		{ header: table.rowHeader, key: 'label', width: 38 },
		...table.columns.flatMap((c) => [
			{ header: c.label, key: c.key, width: Math.max(12, Math.min(30, c.label.length + 2)) },
			{ header: `${delta} ${p.previous}`, key: `${c.key}_delta`, width: 12 }
		])
	];
	sheet.getRow(1).font = { bold: true };
	sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
	for (const row of table.rows) {
		const values: (string | number | null)[] = [row.label];
		for (const cell of row.cells) values.push(cell.raw ?? (cell.value === '—' ? null : cell.value), cell.rawDelta);
		const added = sheet.addRow(values);
		if (row.total) added.font = { bold: true };
	}
	table.columns.forEach((c, i) => {
		const format = c.unit === 'count' ? '#,##0' : '#,##0.0';
		sheet.getColumn(2 + i * 2).numFmt = format;
		sheet.getColumn(3 + i * 2).numFmt = c.unit === 'count' ? '+#,##0;-#,##0;0' : '+#,##0.0;-#,##0.0;0';
		sheet.getColumn(2 + i * 2).alignment = { horizontal: 'right' };
	});
}
