import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { directionOf, type Locale } from '$lib/i18n/locales';
import { createTranslator } from '$lib/i18n/translator';
import { runtime } from '../../app/runtime';
import { authorize, requestContext } from '../../http/guard';
import { messagesFor } from '../../i18n/catalogues';
import { coursesRules } from '../courses.policy';
import { currentQuarter, QuarterError, recentQuarters } from './quarter';
import { reportCharts, type PresentedChart } from './report.charts';
import { presentReport, type PresentedReport } from './report.presenter';
import { auditReportView, buildQuarterlyReport, parseTerritory, territoryOptions, type TerritoryOptions } from './report.usecases';

/** The report's query string: ?quarter=2026-Q3&territory=all|arr-62000|mun-62063 (both optional). */
export const reportQuerySchema = z.object({
	quarter: z.string().max(10).optional(),
	territory: z.string().max(12).optional()
});

export type ReportView =
	| { ok: true; quarter: string; territory: string; presented: PresentedReport; charts: PresentedChart[]; places: TerritoryOptions; quarters: string[] }
	| { ok: false; reason: 'future' | 'invalid'; quarter: string; territory: string; places: TerritoryOptions; quarters: string[] };

/**
 * Every report route's start: the sector's rule (CRI admins and coordinators, platform admins),
 * then the quarter and territory parsed, the figures built and presented in the page's language,
 * and the view audited ('report.viewed', counts only). A future or unknown quarter comes back
 * as a refusal the route shows in the page's language.
 */
export async function openReport(event: RequestEvent, format: 'html' | 'xlsx' | 'pdf', now = new Date()): Promise<ReportView & { locale: Locale; t: ReturnType<typeof createTranslator> }> {
	const actor = authorize(event, coursesRules['report.view']);
	const db = runtime().database.db;
	const locale = event.locals.locale as Locale;
	const t = createTranslator(locale, messagesFor(locale, ['courses.']));
	const query = reportQuerySchema.safeParse(Object.fromEntries(event.url.searchParams));
	const quarterCode = (query.success && query.data.quarter) || currentQuarter(now).code;
	const territoryCode = (query.success && query.data.territory) || 'all';
	const places = await territoryOptions(db);
	const quarters = recentQuarters(now).map((q) => q.code);
	const base = { quarter: quarterCode, territory: territoryCode, places, quarters, locale, t };
	const territory = query.success ? await parseTerritory(db, territoryCode) : null;
	if (!territory) return { ok: false, reason: 'invalid', ...base };
	try {
		const report = await buildQuarterlyReport(db, quarterCode, territory, now);
		await auditReportView(db, report, format, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		const presented = presentReport(report, t, locale, places);
		return { ok: true, ...base, presented, charts: reportCharts(report, presented, t, locale, directionOf(locale) === 'rtl') };
	} catch (e) {
		if (e instanceof QuarterError) return { ok: false, reason: e.reason, ...base };
		throw e;
	}
}

/** A refused export: a short text in the reader's language (400). */
export function refusedExport(view: { reason: 'future' | 'invalid'; t: ReturnType<typeof createTranslator> }): Response {
	return new Response(view.t(`courses.report.${view.reason}`), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
