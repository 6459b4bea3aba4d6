import type { Translate } from '$lib/i18n/translator';
import { levelLabel } from '../courses.presenter';
import type { Territory } from './report.queries';
import type { Figures, QuarterlyReport, ReportRow, TerritoryOptions } from './report.usecases';

/**
 * What every output (page, XLSX, PDF) shows of a report: the same tables, cells already decided.
 *
 * Small counts: a count of people (requests, enrolments, waiting, unmet demand and its parts,
 * childcare requests, requests by interpreter language) from 1 to 4 is shown "<5" everywhere;
 * 0 stays 0 (it identifies nobody, and "no demand" is itself a finding). A difference with the
 * previous quarter is left blank when either side is suppressed (it would give the hidden count
 * back), and a median wait is shown only over 5 enrolments or more. Supply figures (courses,
 * seats, hours, childcare places) are not about people and are shown as they are.
 */

export const SMALL = 5;

export type Column = { key: string; label: string; note: string; person: boolean; unit: 'count' | 'hours' | 'days' };
/** value: the text shown; raw: the number when shown (null when suppressed or absent), for spreadsheets and charts. */
export type Cell = { value: string; raw: number | null; delta: string; rawDelta: number | null };
export type Row = { label: string; total: boolean; cells: Cell[] };
export type Table = { id: 'offer' | 'demand' | 'unmet' | 'languages'; title: string; rowHeader: string; columns: Column[]; rows: Row[] };
export type PresentedReport = {
	title: string;
	quarter: string;
	previous: string;
	territory: string;
	provisional: boolean;
	tables: Table[];
	rule: string;
};

type Getter = (f: Figures) => number | null;
const figureColumns: Record<Table['id'], { key: keyof Figures | 'hours'; person: boolean; unit: Column['unit'] }[]> = {
	offer: [
		{ key: 'courses', person: false, unit: 'count' },
		{ key: 'seats', person: false, unit: 'count' },
		{ key: 'hours', person: false, unit: 'hours' },
		{ key: 'eveningCourses', person: false, unit: 'count' },
		{ key: 'eveningSeats', person: false, unit: 'count' },
		{ key: 'weekendCourses', person: false, unit: 'count' },
		{ key: 'weekendSeats', person: false, unit: 'count' },
		{ key: 'childcarePlaces', person: false, unit: 'count' }
	],
	demand: [
		{ key: 'requests', person: true, unit: 'count' },
		{ key: 'enrolments', person: true, unit: 'count' },
		{ key: 'waitingAtEnd', person: true, unit: 'count' },
		{ key: 'medianWaitDays', person: false, unit: 'days' },
		{ key: 'childcareRequests', person: true, unit: 'count' }
	],
	unmet: [
		{ key: 'waitingAtEnd', person: true, unit: 'count' },
		{ key: 'searchMisses', person: true, unit: 'count' },
		{ key: 'declinedReferrals', person: true, unit: 'count' },
		{ key: 'unmet', person: true, unit: 'count' }
	],
	languages: []
};

export const isSmall = (n: number) => n > 0 && n < SMALL;

export function presentReport(report: QuarterlyReport, t: Translate, locale: string, places: TerritoryOptions): PresentedReport {
	const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
	const signed = (n: number) => (n > 0 ? `+${nf.format(n)}` : n < 0 ? `−${nf.format(-n)}` : nf.format(0));
	const count = (now: number, before: number, person: boolean): Cell => {
		const hidden = person && isSmall(now);
		const blankDelta = person && (isSmall(now) || isSmall(before));
		return { value: hidden ? '<5' : nf.format(now), raw: hidden ? null : now, delta: blankDelta ? '' : signed(now - before), rawDelta: blankDelta ? null : now - before };
	};
	const median = (now: Figures, before: Figures): Cell => {
		const shown = (f: Figures) => (f.enrolments >= SMALL ? f.medianWaitDays : null);
		const a = shown(now);
		const b = shown(before);
		return { value: a === null ? '—' : nf.format(a), raw: a, delta: a !== null && b !== null ? signed(Math.round((a - b) * 10) / 10) : '', rawDelta: a !== null && b !== null ? Math.round((a - b) * 10) / 10 : null };
	};
	const rowLabel = (r: ReportRow) => {
		if (r.axis === '*') return t('courses.report.total');
		const axis = t(`courses.axis.${r.axis}`);
		if (r.axis !== 'fle') return axis;
		return `${axis} ${r.level ? levelLabel(r.level, t) : t('courses.report.levelUnspecified')}`;
	};
	const figureTable = (id: 'offer' | 'demand' | 'unmet'): Table => {
		const columns = figureColumns[id].map((c) => ({ key: c.key, label: t(`courses.report.col.${c.key}`), note: t(`courses.report.note.${c.key}`), person: c.person, unit: c.unit }));
		const value: Record<string, Getter> = { hours: (f) => Math.round(f.minutes / 6) / 10 };
		const rows = [...report.rows, report.total].map((r) => ({
			label: rowLabel(r),
			total: r.axis === '*',
			cells: figureColumns[id].map((c) => {
				if (c.key === 'medianWaitDays') return median(r.now, r.before);
				const get = value[c.key] ?? ((f: Figures) => f[c.key as keyof Figures] as number);
				return count(get(r.now) ?? 0, get(r.before) ?? 0, c.person);
			})
		}));
		return { id, title: t(`courses.report.table.${id}`), rowHeader: t('courses.report.row'), columns, rows };
	};
	const languageName = (code: string) => {
		try {
			return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
		} catch {
			return code;
		}
	};
	const languages: Table = {
		id: 'languages',
		title: t('courses.report.table.languages'),
		rowHeader: t('courses.report.language'),
		columns: [
			{ key: 'requested', label: t('courses.report.col.requested'), note: t('courses.report.note.requested'), person: true, unit: 'count' },
			{ key: 'offeredCourses', label: t('courses.report.col.offeredCourses'), note: t('courses.report.note.offeredCourses'), person: false, unit: 'count' }
		],
		rows: report.languages.map((l) => ({
			label: languageName(l.language),
			total: false,
			cells: [count(l.now?.requested ?? 0, l.before?.requested ?? 0, true), count(l.now?.offeredCourses ?? 0, l.before?.offeredCourses ?? 0, false)]
		}))
	};
	return {
		title: t('courses.report.title'),
		quarter: report.quarter.code,
		previous: report.previous.code,
		territory: territoryLabel(report.territory, t, places),
		provisional: report.provisional,
		tables: [figureTable('offer'), figureTable('demand'), figureTable('unmet'), languages],
		rule: t('courses.report.suppressionRule')
	};
}

export function territoryLabel(territory: Territory, t: Translate, places: TerritoryOptions): string {
	if (territory.kind === 'all') return t('courses.report.territoryAll');
	if (territory.kind === 'arrondissement') return t('courses.report.arrondissement', { name: places.arrondissements.find((a) => a.nis === territory.nis)?.name ?? territory.nis });
	return places.municipalities.find((m) => m.nis === territory.nis)?.name ?? territory.nis;
}
