import type { Translate } from '$lib/i18n/translator';
import { barChartSvg } from './report.svg';
import { isSmall, type PresentedReport } from './report.presenter';
import type { QuarterlyReport } from './report.usecases';

/** A chart and its data as a table (shown next to it: the same figures, readable by everyone). */
export type PresentedChart = { id: string; title: string; svg: string; headers: string[]; rows: { label: string; cells: string[] }[] };

/**
 * The report's two charts: places vs demand (enrolments + unmet demand) per axis and level, and the
 * waiting list at the quarter's end vs the previous quarter's. Small counts of people follow the
 * presenter's rule: no bar, "<5" written instead.
 */
export function reportCharts(report: QuarterlyReport, presented: PresentedReport, t: Translate, locale: string, rtl: boolean): PresentedChart[] {
	const nf = new Intl.NumberFormat(locale);
	const person = (n: number) => ({ value: isSmall(n) ? null : n, shown: isSmall(n) ? '<5' : nf.format(n) });
	// The presenter's row labels, in the same order (its tables list report.rows then the total).
	const labels = presented.tables[0]!.rows.filter((r) => !r.total).map((r) => r.label);
	const rows = report.rows;
	const seats = rows.map((r) => ({ value: r.now.seats, shown: nf.format(r.now.seats) }));
	const demand = rows.map((r) => person(r.now.enrolments + r.now.unmet));
	const waitingBefore = rows.map((r) => person(r.before.waitingAtEnd));
	const waitingNow = rows.map((r) => person(r.now.waitingAtEnd));
	const build = (id: string, title: string, description: string, series: { label: string; data: { value: number | null; shown: string }[] }[]): PresentedChart => ({
		id,
		title,
		svg: barChartSvg({ id, title, description, rtl, categories: labels, series: series.map((s) => ({ label: s.label, values: s.data.map((d) => d.value), shown: s.data.map((d) => d.shown) })) }),
		headers: [t('courses.report.row'), ...series.map((s) => s.label)],
		rows: labels.map((label, i) => ({ label, cells: series.map((s) => s.data[i]!.shown) }))
	});
	return [
		build('chart-supply-demand', t('courses.report.chart.supplyDemand'), t('courses.report.chart.supplyDemandDesc', { quarter: report.quarter.code }), [
			{ label: t('courses.report.chart.seats'), data: seats },
			{ label: t('courses.report.chart.demand'), data: demand }
		]),
		build('chart-waiting', t('courses.report.chart.waiting'), t('courses.report.chart.waitingDesc', { quarter: report.quarter.code, previous: report.previous.code }), [
			{ label: report.previous.code, data: waitingBefore },
			{ label: report.quarter.code, data: waitingNow }
		])
	];
}
