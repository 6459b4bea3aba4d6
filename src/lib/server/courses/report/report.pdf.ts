import { directionOf, type Locale } from '$lib/i18n/locales';
import type { Translate } from '$lib/i18n/translator';
import { formatDate } from '$lib/i18n/format';
import { typeset } from '../../directory/typesetter';
import type { PresentedChart } from './report.charts';
import type { PresentedReport } from './report.presenter';
import template from './report.typ?raw';

const fontsFor = (locale: Locale): string[] =>
	directionOf(locale) === 'rtl' ? ['Noto Naskh Arabic', 'Noto Sans', 'Noto Sans Ethiopic'] : locale === 'ti' ? ['Noto Sans Ethiopic', 'Noto Sans', 'Noto Naskh Arabic'] : ['Noto Sans', 'Noto Naskh Arabic', 'Noto Sans Ethiopic'];

/** The data the template reads: the presented tables (same cells as the page and the workbook) and the charts' SVG. */
export function reportPdfData(p: PresentedReport, charts: PresentedChart[], t: Translate, locale: Locale, now: Date) {
	const notes: { label: string; note: string }[] = [];
	const seen = new Set<string>();
	for (const table of p.tables)
		for (const c of table.columns) {
			if (seen.has(c.key)) continue;
			seen.add(c.key);
			notes.push({ label: c.label, note: c.note });
		}
	return {
		lang: locale,
		rtl: directionOf(locale) === 'rtl',
		fonts: fontsFor(locale),
		quarter: p.quarter,
		territory: p.territory,
		provisional: p.provisional,
		tables: p.tables,
		charts: charts.map((c) => ({ title: c.title, svg: c.svg })),
		notes,
		strings: {
			title: p.title,
			provisional: t('courses.report.provisional'),
			compared: t('courses.report.compared', { previous: p.previous }),
			rule: p.rule,
			notes: t('courses.report.notes'),
			footer: t('courses.report.generated', { date: formatDate(locale, now, { dateStyle: 'long' }) })
		}
	};
}

/** Typesets the report (in the typesetting worker shared with the other PDFs). */
export function reportPdf(p: PresentedReport, charts: PresentedChart[], t: Translate, locale: Locale, now = new Date()): Promise<Buffer> {
	return typeset(template, JSON.stringify(reportPdfData(p, charts, t, locale, now)), now);
}
