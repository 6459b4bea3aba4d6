import ExcelJS from 'exceljs';
import { columns, neutralise, type SheetRow } from './columns';

/**
 * Writes directory rows as XLSX (ExcelJS: bold frozen header, column widths, a "Lisez-moi" sheet
 * explaining each column) or CSV (UTF-8 with a BOM, `;`, CRLF: what Excel in Belgium opens as
 * columns). Every cell is text, and any cell starting with = + - @ tab or CR gets a leading `'`
 * so no spreadsheet runs it as a formula; the import removes that prefix again.
 */

const cellsOf = (row: SheetRow) => columns.map((c) => neutralise(row[c.key] ?? ''));

export async function toXlsx(rows: SheetRow[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Passerelle';
	workbook.created = new Date(0);
	const sheet = workbook.addWorksheet('Services', { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
	sheet.getRow(1).font = { bold: true };
	for (const row of rows) sheet.addRow(cellsOf(row));
	const readme = workbook.addWorksheet('Lisez-moi');
	readme.columns = [
		{ header: 'Colonne', key: 'header', width: 32 },
		{ header: 'Ce qu’elle contient', key: 'help', width: 110 }
	];
	readme.getRow(1).font = { bold: true };
	readme.addRow(['', 'Une ligne par service. Gardez la première ligne (les titres des colonnes). Oui/non : oui, non (aussi yes/no, 1/0, x). Listes : valeurs séparées par « ; ».']);
	readme.addRow(['', "Une cellule qui commence par = + - ou @ est précédée d’une apostrophe droite (') pour qu’Excel ne la calcule pas ; l’import l’enlève. Pas de formules ni de cellules fusionnées dans un fichier à importer."]);
	for (const c of columns) readme.addRow([c.header, c.help]);
	readme.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvCell = (v: string) => (/[;",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(rows: SheetRow[]): string {
	const lines = [columns.map((c) => csvCell(c.header)).join(';'), ...rows.map((r) => cellsOf(r).map(csvCell).join(';'))];
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
