import ExcelJS from 'exceljs';
import { neutralise } from '../../directory/spreadsheet/columns';
import type { Translate } from '$lib/i18n/translator';
import type { CourseFunding, FunderTotal, Justification, TraineeRow } from '../courses.funding.usecases';
import { quarterKey } from '../quarter';

/**
 * The justification as the funder receives it, in French (the funders' language): XLSX (a summary
 * sheet per funder, the per-course sheet, the per-trainee sheet) or CSV (the per-course table and a
 * total per funder; UTF-8 with a BOM, `;` and decimal commas, what Excel in Belgium opens as
 * columns). Text cells starting with = + - @ are neutralised like the directory's exports.
 */
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
const euros = (cents: number) => cents / 100;
const text = (v: string | null | undefined) => neutralise(v ?? '');

type Labels = { t: Translate };
const funderName = (funder: string | null, { t }: Labels) => (funder ? funder : t('courses.funding.noFunder'));
const axisName = (c: CourseFunding, { t }: Labels) => t(`courses.axis.${c.axis}`) + (c.level ? ` ${c.level === 'alpha' ? 'Alpha' : c.level.toUpperCase()}` : '');
const modeName = (c: CourseFunding, { t }: Labels) => (c.rule ? t(`courses.funding.mode.${c.rule.mode}`) : t('courses.funding.noRule'));

const courseHeaders = (l: Labels) => [
	l.t('courses.funding.col.funder'),
	l.t('courses.funding.col.course'),
	l.t('courses.funding.col.axis'),
	l.t('courses.funding.col.sessions'),
	l.t('courses.funding.col.unlocked'),
	l.t('courses.funding.col.hoursGiven'),
	l.t('courses.funding.col.trainees'),
	l.t('courses.funding.col.traineeHours'),
	l.t('courses.funding.col.rule'),
	l.t('courses.funding.col.mode'),
	l.t('courses.funding.col.rate'),
	l.t('courses.funding.col.amount')
];
const courseCells = (c: CourseFunding, l: Labels): (string | number | null)[] => [
	text(funderName(c.funder, l)),
	text(c.title),
	text(axisName(c, l)),
	c.sessions,
	c.unlockedSessions,
	hours(c.minutesGiven),
	c.trainees,
	hours(c.traineeMinutes),
	text(c.rule?.label ?? ''),
	text(modeName(c, l)),
	c.rule ? euros(c.rule.amountCents) : null,
	c.amountCents === null ? null : euros(c.amountCents)
];

function summarySheet(workbook: ExcelJS.Workbook, j: Justification, total: FunderTotal, l: Labels) {
	const name = (total.funder || l.t('courses.funding.noFunder')).slice(0, 31);
	const sheet = workbook.addWorksheet(name);
	sheet.columns = [{ width: 34 }, { width: 48 }, { width: 22 }, { width: 16 }, { width: 16 }];
	const pairs: [string, string | number][] = [
		[l.t('courses.funding.col.organisation'), text(j.organisation.name)],
		[l.t('courses.funding.col.quarter'), quarterKey(j.quarter)],
		[l.t('courses.funding.col.funder'), text(funderName(total.funder, l))],
		[l.t('courses.funding.col.courses'), total.courses],
		[l.t('courses.funding.col.sessions'), total.sessions],
		[l.t('courses.funding.col.unlocked'), total.unlockedSessions],
		[l.t('courses.funding.col.hoursGiven'), hours(total.minutesGiven)],
		[l.t('courses.funding.col.traineeHours'), hours(total.traineeMinutes)],
		[l.t('courses.funding.col.amount'), euros(total.amountCents)],
		[l.t('courses.funding.col.withoutRule'), total.withoutRule]
	];
	for (const p of pairs) sheet.addRow(p);
	sheet.getColumn(1).font = { bold: true };
	sheet.getCell(`B${pairs.length}`).numFmt = '0';
	sheet.getCell(`B${pairs.length - 1}`).numFmt = '0.00';
	sheet.addRow([]);
	const head = sheet.addRow([l.t('courses.funding.col.course'), l.t('courses.funding.col.rule'), l.t('courses.funding.col.traineeHours'), l.t('courses.funding.col.amount')]);
	head.font = { bold: true };
	for (const c of j.courses.filter((c) => (c.funder ?? '') === total.funder)) {
		const row = sheet.addRow([text(c.title), text(c.rule?.label ?? l.t('courses.funding.noRule')), hours(c.traineeMinutes), c.amountCents === null ? null : euros(c.amountCents)]);
		row.getCell(4).numFmt = '0.00';
	}
}

export async function toFundingXlsx(j: Justification, trainees: TraineeRow[], l: Labels): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Passerelle';
	workbook.created = new Date(0);
	for (const total of j.totals) summarySheet(workbook, j, total, l);
	const courses = workbook.addWorksheet(l.t('courses.funding.sheet.courses').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
	courses.columns = courseHeaders(l).map((header, i) => ({ header, width: i === 1 || i === 8 ? 40 : 16 }));
	courses.getRow(1).font = { bold: true };
	for (const c of j.courses) courses.addRow(courseCells(c, l));
	courses.getColumn(11).numFmt = '0.00';
	courses.getColumn(12).numFmt = '0.00';
	const people = workbook.addWorksheet(l.t('courses.funding.sheet.trainees').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
	people.columns = [
		{ header: l.t('courses.funding.col.reference'), width: 14 },
		{ header: l.t('courses.funding.col.firstName'), width: 20 },
		{ header: l.t('courses.funding.col.lastInitial'), width: 10 },
		{ header: l.t('courses.funding.col.course'), width: 40 },
		{ header: l.t('courses.funding.col.funder'), width: 16 },
		{ header: l.t('courses.funding.col.sessionsPresent'), width: 14 },
		{ header: l.t('courses.funding.col.hours'), width: 12 }
	];
	people.getRow(1).font = { bold: true };
	for (const p of trainees) people.addRow([p.reference, text(p.firstName), text(p.lastInitial), text(p.courseTitle), text(funderName(p.funder, l)), p.sessionsPresent, hours(p.minutes)]);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Money columns (rate, amount) keep two decimals; every number has a decimal comma. */
const money = new Set([10, 11]);
const csvCell = (v: string | number | null, i: number) => {
	const s = v === null ? '' : typeof v === 'number' ? (money.has(i) ? v.toFixed(2) : String(v)).replace('.', ',') : v;
	return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toFundingCsv(j: Justification, l: Labels): string {
	const lines = [courseHeaders(l).map((h) => csvCell(h, -1)).join(';'), ...j.courses.map((c) => courseCells(c, l).map(csvCell).join(';'))];
	for (const t of j.totals) {
		const cells = [text(funderName(t.funder, l)), text(l.t('courses.funding.total')), '', t.sessions, t.unlockedSessions, hours(t.minutesGiven), null, hours(t.traineeMinutes), '', '', null, euros(t.amountCents)];
		lines.push(cells.map(csvCell).join(';'));
	}
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}
