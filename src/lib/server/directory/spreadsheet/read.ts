import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reads an uploaded spreadsheet into text cells. The type is decided from the content, not the
 * name: a zip (PK\3\4) is read as XLSX, anything else must be UTF-8 text (CSV with `,` or `;`).
 * Whatever a person cannot see in Excel and we would read differently is refused with a reason:
 * merged cells, formulas, another encoding.
 */

/** Files and rows accepted at once (said on the upload page). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 20_000;

export type Table = { format: 'xlsx' | 'csv'; headers: string[]; rows: { line: number; cells: string[] }[] };
/** A reason the whole file is refused: a catalogue key and its values. */
export type FileProblem = { key: string; params?: Record<string, string | number> };
export type ReadResult = { ok: true; table: Table } | { ok: false; problems: FileProblem[] };

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const LISTED = 10;

export async function readSpreadsheet(bytes: Uint8Array, { maxRows = MAX_ROWS } = {}): Promise<ReadResult> {
	if (bytes.length === 0) return { ok: false, problems: [{ key: 'pro.import.file.empty' }] };
	if (bytes.length > MAX_FILE_BYTES) return { ok: false, problems: [{ key: 'pro.import.file.tooLarge', params: { max: MAX_FILE_BYTES / 1024 / 1024 } }] };
	return isZip(bytes) ? readXlsx(bytes, maxRows) : readCsv(bytes, maxRows);
}

/** Trailing empty cells and rows where nothing is filled in are dropped (Excel leaves many). */
function finish(format: Table['format'], headerCells: string[], rows: { line: number; cells: string[] }[], maxRows: number): ReadResult {
	const headers = headerCells.map((h) => h.trim());
	while (headers.length && headers[headers.length - 1] === '') headers.pop();
	if (!headers.length) return { ok: false, problems: [{ key: 'pro.import.file.noHeader' }] };
	const filled = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
	if (!filled.length) return { ok: false, problems: [{ key: 'pro.import.file.noRows' }] };
	if (filled.length > maxRows) return { ok: false, problems: [{ key: 'pro.import.file.tooManyRows', params: { max: maxRows, count: filled.length } }] };
	return { ok: true, table: { format, headers, rows: filled } };
}

function readCsv(bytes: Uint8Array, maxRows: number): ReadResult {
	// UTF-16 files (Excel's "Unicode text") start with a byte order mark of their own.
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, problems: [{ key: 'pro.import.file.encoding' }] };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { ok: false, problems: [{ key: 'pro.import.file.encoding' }] };
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.includes('\u0000')) return { ok: false, problems: [{ key: 'pro.import.file.unknownType' }] };
	// The separator is the one the header line uses most: `;` (Excel in Belgium), `,` or a tab.
	const firstLine = text.slice(0, text.search(/\r?\n|$/));
	const count = (c: string) => firstLine.split(c).length - 1;
	const delimiter = [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ';');
	let records: string[][];
	try {
		records = parse(text, { delimiter, relax_column_count: true, relax_quotes: false, skip_empty_lines: false });
	} catch (e) {
		const line = (e as { lines?: number }).lines;
		return { ok: false, problems: [{ key: 'pro.import.file.csvBroken', params: { row: line ?? 0 } }] };
	}
	if (records.length - 1 > maxRows * 2) return { ok: false, problems: [{ key: 'pro.import.file.tooManyRows', params: { max: maxRows, count: records.length - 1 } }] };
	const [header = [], ...rest] = records;
	// Excel shows each record on one row: record n is row n + 1.
	return finish('csv', header, rest.map((cells, i) => ({ line: i + 2, cells })), maxRows);
}

/** A cell as the text Excel shows (dates as yyyy-mm-dd, numbers without formatting). */
function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
	if ('error' in value) return String(value.error);
	return '';
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<ReadResult> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
	} catch {
		return { ok: false, problems: [{ key: 'pro.import.file.unknownType' }] };
	}
	const sheet = workbook.worksheets.find((w) => w.state === 'visible') ?? workbook.worksheets[0];
	if (!sheet) return { ok: false, problems: [{ key: 'pro.import.file.noRows' }] };
	if (sheet.actualRowCount - 1 > maxRows) return { ok: false, problems: [{ key: 'pro.import.file.tooManyRows', params: { max: maxRows, count: sheet.actualRowCount - 1 } }] };
	const problems: FileProblem[] = [];
	const merges = sheet.model.merges ?? [];
	if (merges.length) problems.push({ key: 'pro.import.file.merged', params: { cells: merges.slice(0, LISTED).join(', '), count: merges.length } });
	const formulas: string[] = [];
	const rows: { line: number; cells: string[] }[] = [];
	let header: string[] | null = null;
	sheet.eachRow({ includeEmpty: false }, (row, line) => {
		const cells: string[] = [];
		row.eachCell({ includeEmpty: true }, (cell, col) => {
			if (cell.type === ExcelJS.ValueType.Formula) formulas.push(cell.address);
			cells[col - 1] = cellText(cell.type === ExcelJS.ValueType.Formula ? null : cell.value);
		});
		for (let i = 0; i < cells.length; i++) cells[i] ??= '';
		if (line === 1) header = cells;
		else rows.push({ line, cells });
	});
	if (formulas.length) problems.push({ key: 'pro.import.file.formula', params: { cells: formulas.slice(0, LISTED).join(', '), count: formulas.length } });
	if (problems.length) return { ok: false, problems };
	return finish('xlsx', header ?? [], rows, maxRows);
}
