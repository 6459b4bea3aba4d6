import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { municipality } from '../../territory/territory.table';
import { courseAxes, fleLevels } from '../courses.types';
import { previousQuarter, reportableQuarter, type Quarter } from './quarter';
import { declinedReferrals, demand, hours, languages, searchMisses, supply, type LanguageRow, type Territory } from './report.queries';

/**
 * The quarterly report of the sector's supply and demand of courses ("état des lieux trimestriel
 * de l'offre et de la demande"): the figures of a quarter and of the one before it, per axis and
 * FLE level, for a territory. Raw counts here; the presenter suppresses small counts of people.
 */

export type Figures = {
	courses: number;
	seats: number;
	minutes: number;
	eveningCourses: number;
	eveningSeats: number;
	weekendCourses: number;
	weekendSeats: number;
	childcarePlaces: number;
	requests: number;
	enrolments: number;
	waitingAtEnd: number;
	medianWaitDays: number | null;
	childcareRequests: number;
	searchMisses: number;
	declinedReferrals: number;
	/** waiting at the quarter's end + searches with no result + referrals declined for lack of places */
	unmet: number;
};
export type ReportRow = { axis: string; level: string; now: Figures; before: Figures };
export type LanguageFigures = { language: string; now: LanguageRow | null; before: LanguageRow | null };
export type QuarterlyReport = {
	quarter: Quarter;
	previous: Quarter;
	provisional: boolean;
	territory: Territory;
	rows: ReportRow[];
	total: ReportRow;
	languages: LanguageFigures[];
	generatedAt: Date;
};

const empty = (): Figures => ({
	courses: 0,
	seats: 0,
	minutes: 0,
	eveningCourses: 0,
	eveningSeats: 0,
	weekendCourses: 0,
	weekendSeats: 0,
	childcarePlaces: 0,
	requests: 0,
	enrolments: 0,
	waitingAtEnd: 0,
	medianWaitDays: null,
	childcareRequests: 0,
	searchMisses: 0,
	declinedReferrals: 0,
	unmet: 0
});

/** Every figure of one quarter, keyed 'axis|level', plus the territory's total under '*|'. */
export async function quarterFigures(db: Database, q: Quarter, t: Territory): Promise<{ byKey: Map<string, Figures>; languages: LanguageRow[] }> {
	const byKey = new Map<string, Figures>();
	const at = (axis: string, level: string) => {
		const key = `${axis}|${level}`;
		let f = byKey.get(key);
		if (!f) byKey.set(key, (f = empty()));
		return f;
	};
	const total = at('*', '');
	for (const r of await supply(db, q, t)) {
		const { axis, level, ...rest } = r;
		Object.assign(at(axis, level), rest);
		for (const k of Object.keys(rest) as (keyof typeof rest)[]) total[k] += rest[k];
	}
	for (const r of await hours(db, q, t)) {
		at(r.axis, r.level).minutes = r.minutes;
		total.minutes += r.minutes;
	}
	// demand() returns the total row itself (its median is computed over all the quarter's enrolments).
	for (const r of await demand(db, q, t)) {
		const f = at(r.axis, r.level);
		f.requests = r.requests;
		f.enrolments = r.enrolments;
		f.waitingAtEnd = r.waitingAtEnd;
		f.medianWaitDays = r.medianWaitDays;
		f.childcareRequests = r.childcareRequests;
	}
	for (const r of await searchMisses(db, q, t)) {
		at(r.axis, r.level).searchMisses = r.count;
		total.searchMisses += r.count;
	}
	for (const r of await declinedReferrals(db, q, t)) {
		at(r.axis, r.level).declinedReferrals = r.count;
		total.declinedReferrals += r.count;
	}
	for (const f of byKey.values()) f.unmet = f.waitingAtEnd + f.searchMisses + f.declinedReferrals;
	return { byKey, languages: await languages(db, q, t) };
}

const axisRank = (axis: string) => (courseAxes as readonly string[]).indexOf(axis);
const levelRank = (level: string) => (level === '' ? 99 : (fleLevels as readonly string[]).indexOf(level));

/** A quarter's report and the previous quarter's figures beside it. Throws QuarterError for a future or malformed quarter. */
export async function buildQuarterlyReport(db: Database, quarterCode: string, territory: Territory, now = new Date()): Promise<QuarterlyReport> {
	const { quarter, provisional } = reportableQuarter(quarterCode, now);
	const previous = previousQuarter(quarter);
	const current = await quarterFigures(db, quarter, territory);
	const before = await quarterFigures(db, previous, territory);
	const keys = new Set([...current.byKey.keys(), ...before.byKey.keys()]);
	keys.delete('*|');
	const rows = [...keys]
		.map((key) => {
			const [axis = '', level = ''] = key.split('|');
			return { axis, level, now: current.byKey.get(key) ?? empty(), before: before.byKey.get(key) ?? empty() };
		})
		.sort((a, b) => axisRank(a.axis) - axisRank(b.axis) || levelRank(a.level) - levelRank(b.level));
	const total = { axis: '*', level: '', now: current.byKey.get('*|')!, before: before.byKey.get('*|')! };
	const langs = new Set([...current.languages.map((l) => l.language), ...before.languages.map((l) => l.language)]);
	const languageRows = [...langs].sort().map((language) => ({
		language,
		now: current.languages.find((l) => l.language === language) ?? null,
		before: before.languages.find((l) => l.language === language) ?? null
	}));
	return { quarter, previous, provisional, territory, rows, total, languages: languageRows, generatedAt: now };
}

/** Records that a report was seen or exported (counts only; still audited as 'report.viewed'). */
export async function auditReportView(db: Database, report: QuarterlyReport, format: 'html' | 'xlsx' | 'pdf', ctx: { actorUserId: string; ipHash?: string }) {
	await recordAudit(db, {
		actorUserId: ctx.actorUserId,
		action: 'report.viewed',
		subjectType: 'report',
		subjectId: null,
		ipHash: ctx.ipHash ?? null,
		details: { report: 'courses.quarterly', quarter: report.quarter.code, territory: territoryCode(report.territory), format }
	});
}

/** 'all', 'arr-62000' (an arrondissement's NIS), 'mun-62063' (a municipality's NIS). */
export function territoryCode(t: Territory): string {
	return t.kind === 'all' ? 'all' : `${t.kind === 'arrondissement' ? 'arr' : 'mun'}-${t.nis}`;
}

export type TerritoryOptions = { arrondissements: { nis: string; name: string }[]; municipalities: { nis: string; name: string; arrondissementNis: string }[] };

export async function territoryOptions(db: Database): Promise<TerritoryOptions> {
	const rows = await db
		.select({ nis: municipality.nisCode, name: municipality.nameFr, arrondissement: municipality.arrondissement, arrondissementNis: municipality.arrondissementNis })
		.from(municipality)
		.orderBy(asc(municipality.arrondissement), asc(municipality.nameFr));
	const arrondissements = new Map<string, string>();
	for (const r of rows) arrondissements.set(r.arrondissementNis, r.arrondissement);
	return {
		arrondissements: [...arrondissements].map(([nis, name]) => ({ nis, name })),
		municipalities: rows.map((r) => ({ nis: r.nis, name: r.name, arrondissementNis: r.arrondissementNis }))
	};
}

/** The territory of a form value, checked against the territory tables; null when unknown. */
export async function parseTerritory(db: Database, code: string | null | undefined): Promise<Territory | null> {
	if (!code || code === 'all') return { kind: 'all' };
	const m = /^(arr|mun)-(\d{5})$/.exec(code);
	if (!m) return null;
	const [, kind, nis = ''] = m;
	const column = kind === 'arr' ? municipality.arrondissementNis : municipality.nisCode;
	const [found] = await db.select({ nis: municipality.nisCode }).from(municipality).where(eq(column, nis)).limit(1);
	if (!found) return null;
	return kind === 'arr' ? { kind: 'arrondissement', nis } : { kind: 'municipality', nis };
}
