import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../audit/audit.table';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { createIdentityRepository } from '../../identity/identity.repository';
import { directoryDemoSeeder } from '../directory.demo';
import { service, serviceHistory, translation } from '../directory.table';
import { columns, recogniseHeader, type SheetRow } from './columns';
import { countServices, exportRows, planImport, type Mapping, type Scope } from './directory-sheet';
import { applyImport, ImportRefused } from './import';
import { readSpreadsheet, type Table } from './read';
import { toCsv, toXlsx } from './write';

let handle: DatabaseHandle;
let ctx: { actorUserId: string; ipHash: string };
let orgId: string;
const all: Scope = { organisationId: null };

beforeAll(async () => {
	handle = await freshDatabase();
	await directoryDemoSeeder.seed(handle.db);
	const user = await createIdentityRepository({ db: handle.db }).users.create({ email: 'import@cri.test', name: 'Ines Import', locale: 'fr', platformRoles: ['directory_editor'] });
	ctx = { actorUserId: user.id, ipHash: 'test' };
	const [first] = await handle.db.select({ id: service.organisationId }).from(service).limit(1);
	orgId = first!.id;
}, 120_000);
afterAll(async () => handle?.close());

const recognised = (t: Table): Mapping => t.headers.map(recogniseHeader);
async function read(bytes: Uint8Array | string) {
	const r = await readSpreadsheet(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
	if (!r.ok) throw new Error(JSON.stringify(r.problems));
	return r.table;
}
async function xlsxOf(build: (ws: ExcelJS.Worksheet) => void) {
	const wb = new ExcelJS.Workbook();
	build(wb.addWorksheet('Feuil1'));
	return new Uint8Array(await wb.xlsx.writeBuffer());
}
const header = 'Organisation;Nom du service;Besoins;Rue et numéro;Code postal;Commune;Téléphone;Lundi';

describe('reading a spreadsheet', () => {
	it('reads CSV with semicolons, with commas, with or without a BOM, whatever the header spelling', async () => {
		const semi = await read(`\uFEFF${header}\r\nILI;Cours du soir;fle;Rue Haute 1;4100;Seraing;04 220 01 20;9:00-12:00\r\n`);
		expect(semi.format).toBe('csv');
		expect(semi.rows).toEqual([{ line: 2, cells: ['ILI', 'Cours du soir', 'fle', 'Rue Haute 1', '4100', 'Seraing', '04 220 01 20', '9:00-12:00'] }]);
		const comma = await read('nom,besoins,adresse,CP,ville\n"Cours, le soir",fle,Rue Haute 1,4100,Seraing\n\n');
		expect(comma.rows[0]!.cells[0]).toBe('Cours, le soir');
		expect(comma.headers.map(recogniseHeader)).toEqual(['name', 'needs', 'street', 'postalCode', 'municipality']);
	});

	it('refuses a CSV saved in Latin-1 (Windows-1252) and says to save it as CSV UTF-8', async () => {
		const latin1 = Uint8Array.from([...'Nom;Commune\r\nCaf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x3b, 0x4c, 0x69, 0xe8, 0x67, 0x65]));
		const r = await readSpreadsheet(latin1);
		expect(r).toEqual({ ok: false, problems: [{ key: 'pro.import.file.encoding' }] });
	});

	it('reads an XLSX made with Excel-like cells (numbers, rich text, links) as text', async () => {
		const bytes = await xlsxOf((ws) => {
			ws.addRow(['Nom du service', 'Code postal', 'Site web']);
			ws.addRow([{ richText: [{ text: 'Cours ' }, { text: 'du soir', font: { bold: true } }] }, 4100, { text: 'https://ili.example.be', hyperlink: 'https://ili.example.be' }]);
		});
		const t = await read(bytes);
		expect(t.format).toBe('xlsx');
		expect(t.rows).toEqual([{ line: 2, cells: ['Cours du soir', '4100', 'https://ili.example.be'] }]);
	});

	it('refuses merged cells and formulas, naming the cells', async () => {
		const merged = await readSpreadsheet(
			await xlsxOf((ws) => {
				ws.addRow(['Nom du service', 'Besoins']);
				ws.addRow(['Cours', 'fle']);
				ws.mergeCells('A2:B2');
			})
		);
		expect(merged).toMatchObject({ ok: false, problems: [{ key: 'pro.import.file.merged', params: { cells: 'A2:B2' } }] });
		const formula = await readSpreadsheet(
			await xlsxOf((ws) => {
				ws.addRow(['Nom du service', 'Âge minimum']);
				ws.addRow(['Cours', { formula: '10+8', result: 18 }]);
			})
		);
		expect(formula).toMatchObject({ ok: false, problems: [{ key: 'pro.import.file.formula', params: { cells: 'B2', count: 1 } }] });
	});

	it('refuses more rows than the limit, saying the limit', async () => {
		const rows = Array.from({ length: 50_000 }, (_, i) => `Service ${i};fle`).join('\n');
		const r = await readSpreadsheet(new TextEncoder().encode(`Nom du service;Besoins\n${rows}\n`));
		expect(r).toEqual({ ok: false, problems: [{ key: 'pro.import.file.tooManyRows', params: { max: 20_000, count: 50_000 } }] });
	});
});

describe('export', () => {
	it('neutralises cells that a spreadsheet would run as formulas, and the import restores them exactly', async () => {
		const row = { ...Object.fromEntries(columns.map((c) => [c.key, ''])), name: '=HYPERLINK("http://evil")', description: '-5 % pour les étudiants', phone: '+32 4 220 01 20', documents: '@carte', feeDetails: "'=déjà" } as SheetRow;
		const csv = toCsv([row]);
		expect(csv.startsWith('\uFEFFid;Organisation;')).toBe(true);
		expect(csv).toContain(';"\'=HYPERLINK(""http://evil"")";');
		expect(csv).toContain(";'-5 % pour les étudiants;");
		expect(csv).toContain(";'+32 4 220 01 20;");
		expect(csv.split('\r\n')).toHaveLength(3);
		const xlsx = await toXlsx([row]);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
		const cell = wb.getWorksheet('Services')!.getRow(2).getCell(3);
		expect(cell.value).toBe('\'=HYPERLINK("http://evil")');
		expect(cell.type).toBe(ExcelJS.ValueType.String);
		for (const bytes of [new TextEncoder().encode(csv), new Uint8Array(xlsx)]) {
			const t = await read(bytes);
			const plan = await planImport(handle.db, { table: t, mapping: recognised(t), scope: { organisationId: orgId } });
			// Rejected for other reasons (no needs, no address), but the texts read back as written.
			expect(plan.problems.some((p) => p.column === 'Nom du service')).toBe(false);
			expect(t.rows[0]!.cells[2]).toBe('\'=HYPERLINK("http://evil")');
		}
	});

	it('writes a valid OOXML package with a bold frozen header and a "Lisez-moi" sheet', async () => {
		const rows = await exportRows(handle.db, all);
		const xlsx = await toXlsx(rows);
		const dir = mkdtempSync(path.join(tmpdir(), 'xlsx-'));
		try {
			writeFileSync(path.join(dir, 'a.xlsx'), xlsx);
			const listing = execFileSync('unzip', ['-l', path.join(dir, 'a.xlsx')], { encoding: 'utf8' });
			for (const part of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) expect(listing).toContain(part);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
		const sheet = wb.getWorksheet('Services')!;
		expect(sheet.getRow(1).font?.bold).toBe(true);
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.actualRowCount).toBe(201);
		expect(wb.getWorksheet('Lisez-moi')!.getColumn(1).values).toContain('Besoins');
	});
});

describe('import', () => {
	it('importing the exported demo directory reports 0 changes (XLSX and CSV)', async () => {
		const rows = await exportRows(handle.db, all);
		expect(rows).toHaveLength(200);
		for (const bytes of [new Uint8Array(await toXlsx(rows)), new TextEncoder().encode(toCsv(rows))]) {
			const t = await read(bytes);
			const mapping = recognised(t);
			expect(mapping).not.toContain(null);
			const plan = await planImport(handle.db, { table: t, mapping, scope: all });
			expect(plan.problems).toEqual([]);
			expect(plan.counts).toEqual({ new: 0, changed: 0, unchanged: 200 });
			const result = await applyImport(handle.db, { table: t, mapping, scope: all }, ctx);
			expect({ created: result.created.length, updated: result.updated.length }).toEqual({ created: 0, updated: 0 });
		}
	});

	it('a broken file lists every problem by row and column in plain words, and changes nothing', async () => {
		const before = await countServices(handle.db, all);
		const t = await read(
			[
				'id;Organisation;Nom du service;Besoins;Rue et numéro;Code postal;Commune;Téléphone;E-mail;Lundi;Gratuit',
				`;${orgId};Permanence logement;housing;Rue Haute 1;4100;Seraing;04 220 01 20;;9:00-12:00;oui`,
				`;${orgId};X;cuisine;Rue Haute 1;41;Atlantis;pas de numéro;a@;le matin;peut-être`,
				'00000000-0000-4000-8000-000000000000;;Cours;fle;Rue Haute 1;4100;Seraing;;;;'
			].join('\n')
		);
		const plan = await planImport(handle.db, { table: t, mapping: recognised(t), scope: all });
		const at = (row: number) => plan.problems.filter((p) => p.row === row).map((p) => [p.column, p.key]);
		expect(at(2)).toEqual([]);
		expect(at(3)).toEqual(
			expect.arrayContaining([
				['Nom du service', 'pro.errors.required'],
				['Besoins', 'pro.import.errors.need'],
				['Code postal', 'pro.errors.postalCode'],
				['Commune', 'pro.import.errors.municipality'],
				['Téléphone', 'pro.errors.phone'],
				['E-mail', 'pro.errors.emailInvalid'],
				['Lundi', 'pro.errors.hours'],
				['Gratuit', 'pro.import.errors.boolean']
			])
		);
		expect(at(4)).toEqual([['id', 'pro.import.errors.unknownId']]);
		await expect(applyImport(handle.db, { table: t, mapping: recognised(t), scope: all }, ctx)).rejects.toBeInstanceOf(ImportRefused);
		expect(await countServices(handle.db, all)).toBe(before);
	});

	it('refuses a row of another organisation when importing for one organisation', async () => {
		const [other] = await handle.db.select({ id: service.id }).from(service).where(eq(service.organisationId, orgId)).limit(1);
		const rows = (await exportRows(handle.db, all)).filter((r) => r.id !== other!.id).slice(0, 1);
		const t = await read(toCsv(rows));
		const plan = await planImport(handle.db, { table: t, mapping: recognised(t), scope: { organisationId: orgId } });
		expect(plan.problems).toEqual([{ row: 2, column: 'id', key: 'pro.import.errors.unknownId', params: { value: rows[0]!.id } }]);
	});

	it('applies new and changed services in one go: sent for review, with history and audit', async () => {
		const rows = (await exportRows(handle.db, { organisationId: orgId })).slice(0, 2);
		const changed = { ...rows[0]!, phone: '04 999 99 99', hours6: '10:00-12:00' };
		const fresh = { ...rows[1]!, id: '', name: 'Table de conversation du samedi', needs: 'conversation; Rencontres et activités interculturelles' };
		const t = await read(toCsv([changed, rows[1]!, fresh]));
		const input = { table: t, mapping: recognised(t), scope: { organisationId: orgId } };
		const plan = await planImport(handle.db, input);
		expect(plan.problems).toEqual([]);
		expect(plan.counts).toEqual({ new: 1, changed: 1, unchanged: 1 });
		expect(plan.entries[0]!.changed).toEqual(['phone', 'hours6']);
		const progress: number[] = [];
		const result = await applyImport(handle.db, input, ctx, { onProgress: (done) => progress.push(done) });
		expect(progress.at(-1)).toBe(2);
		const written = await handle.db.select().from(service).where(inArray(service.id, [...result.created, ...result.updated]));
		expect(written.map((s) => s.status)).toEqual(['submitted', 'submitted']);
		expect(written.find((s) => s.id === rows[0]!.id)!.phone).toBe('04 999 99 99');
		const name = await handle.db.select().from(translation).where(and(eq(translation.entityId, result.created[0]!), eq(translation.field, 'name')));
		expect(name[0]!.text).toBe('Table de conversation du samedi');
		const history = await handle.db.select().from(serviceHistory).where(inArray(serviceHistory.serviceId, [...result.created, ...result.updated]));
		expect(history.filter((h) => h.action === 'imported')).toHaveLength(2);
		const audit = await handle.db.select().from(auditEvent).where(eq(auditEvent.action, 'directory.service.imported'));
		expect(audit.map((a) => a.subjectId).sort()).toEqual([...result.created, ...result.updated].sort());
		// Exported again, then imported: nothing left to change.
		const again = await read(toCsv(await exportRows(handle.db, { organisationId: orgId })));
		expect((await planImport(handle.db, { table: again, mapping: recognised(again), scope: { organisationId: orgId } })).counts.changed).toBe(0);
	});

	it('a failure in the middle of an import leaves nothing half-imported', async () => {
		const before = await countServices(handle.db, all);
		const rows = (await exportRows(handle.db, { organisationId: orgId })).map((r, i) => ({ ...r, id: '', name: `Atelier ${i}` }));
		const many = Array.from({ length: 3 }, () => rows).flat();
		const t = await read(toCsv(many.length > 500 ? many : Array.from({ length: Math.ceil(600 / rows.length) }, () => rows).flat()));
		const input = { table: t, mapping: recognised(t), scope: { organisationId: orgId } };
		await expect(
			applyImport(handle.db, input, ctx, {
				onProgress: (done) => {
					if (done >= 500) throw new Error('disk full');
				}
			})
		).rejects.toThrow('disk full');
		expect(await countServices(handle.db, all)).toBe(before);
	});

	it('reports progress every 100 new services and lets the server answer while the import runs', async () => {
		const rows = (await exportRows(handle.db, { organisationId: orgId })).map((r, i) => ({ ...r, id: '', name: `Atelier du soir ${i}` }));
		const many = Array.from({ length: Math.ceil(350 / rows.length) }, () => rows).flat().slice(0, 350);
		const t = await read(toCsv(many));
		// Something else the process has to do (an HTTP request, a timer) gets turns while services are written.
		const progress: number[] = [];
		const seenBetweenBatches = new Set<number>();
		let running = true;
		const other = () => {
			seenBetweenBatches.add(progress.at(-1) ?? -1);
			if (running) setImmediate(other);
		};
		setImmediate(other);
		await applyImport(handle.db, { table: t, mapping: recognised(t), scope: { organisationId: orgId } }, ctx, { onProgress: (done) => progress.push(done) }).finally(() => (running = false));
		expect(progress).toEqual([0, 100, 200, 300, 350]);
		expect([...seenBetweenBatches].filter((done) => done > 0 && done < 350)).toEqual([100, 200, 300]);
	});
});
