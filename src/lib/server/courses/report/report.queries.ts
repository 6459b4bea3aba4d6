import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { Quarter } from './quarter';

/**
 * The quarterly report's figures, each one SQL aggregate (GROUP BY axis and level) over the core
 * tables: no row is read into the application. Every function takes one quarter and one territory;
 * the use-case calls them for the quarter and the one before it.
 */

export type Territory = { kind: 'all' } | { kind: 'arrondissement'; nis: string } | { kind: 'municipality'; nis: string };

/** A key per row of the tables: the axis and the FLE level ('' for other axes or an unspecified level). */
export type AxisLevel = { axis: string; level: string };

export type SupplyRow = AxisLevel & {
	courses: number;
	seats: number;
	eveningCourses: number;
	eveningSeats: number;
	weekendCourses: number;
	weekendSeats: number;
	childcarePlaces: number;
};
export type HoursRow = AxisLevel & { minutes: number };
export type DemandRow = AxisLevel & {
	requests: number;
	enrolments: number;
	waitingAtEnd: number;
	medianWaitDays: number | null;
	childcareRequests: number;
};
export type SignalRow = AxisLevel & { count: number };
export type LanguageRow = { language: string; requested: number; offeredCourses: number };

/**
 * How a directory need (search filter `need`, referral `purpose`) maps onto the report's axes:
 * the taxonomy's language, citizenship, work and digital branches. Other needs (housing, health…)
 * are no course demand and are left out.
 */
export const needAxis: Record<string, AxisLevel> = {
	french: { axis: 'fle', level: '' },
	fle: { axis: 'fle', level: '' },
	conversation: { axis: 'fle', level: '' },
	alpha: { axis: 'fle', level: 'alpha' },
	citizenship: { axis: 'citizenship', level: '' },
	parcours: { axis: 'citizenship', level: '' },
	citizenship_course: { axis: 'citizenship', level: '' },
	work: { axis: 'isp', level: '' },
	isp: { axis: 'isp', level: '' },
	cisp: { axis: 'isp', level: '' },
	digital: { axis: 'digital', level: '' },
	epn: { axis: 'digital', level: '' },
	pmtic: { axis: 'digital', level: '' }
};

function caseOf(column: SQL, part: 'axis' | 'level'): SQL {
	const whens = Object.entries(needAxis).map(([need, v]) => sql`when ${need} then ${v[part]}`);
	return sql`(case ${column} ${sql.join(whens, sql` `)} else null end)`;
}

/** The territory as a condition on a NIS code column. */
export function inTerritory(column: SQL, t: Territory): SQL {
	if (t.kind === 'all') return sql`true`;
	if (t.kind === 'municipality') return sql`${column} = ${t.nis}`;
	return sql`${column} in (select m.nis_code from municipality m where m.arrondissement_nis = ${t.nis})`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

async function rows(db: Database, query: SQL): Promise<Record<string, unknown>[]> {
	const result = (await db.execute(query)) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
	return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Courses running in the quarter: published or archived, dates overlapping it, located in the territory. */
const running = (q: Quarter, t: Territory) =>
	sql`c.status in ('published', 'archived') and c.starts_on < ${q.endDate}::date and c.ends_on >= ${q.startDate}::date and ${inTerritory(sql`c.nis_code`, t)}`;

export async function supply(db: Database, q: Quarter, t: Territory): Promise<SupplyRow[]> {
	const result = await rows(
		db,
		sql`select c.axis, coalesce(c.level, '') as level, count(*) as courses, sum(c.capacity) as seats,
			count(*) filter (where c.has_evening) as evening_courses, coalesce(sum(c.capacity) filter (where c.has_evening), 0) as evening_seats,
			count(*) filter (where c.has_weekend) as weekend_courses, coalesce(sum(c.capacity) filter (where c.has_weekend), 0) as weekend_seats,
			sum(c.childcare_places) as childcare_places
		from course c where ${running(q, t)} group by 1, 2`
	);
	return result.map((r) => ({
		axis: String(r.axis),
		level: String(r.level),
		courses: num(r.courses),
		seats: num(r.seats),
		eveningCourses: num(r.evening_courses),
		eveningSeats: num(r.evening_seats),
		weekendCourses: num(r.weekend_courses),
		weekendSeats: num(r.weekend_seats),
		childcarePlaces: num(r.childcare_places)
	}));
}

/** Hours offered: minutes of the scheduled (not cancelled) sessions held in the quarter, of courses running in it. */
export async function hours(db: Database, q: Quarter, t: Territory): Promise<HoursRow[]> {
	const result = await rows(
		db,
		sql`select c.axis, coalesce(c.level, '') as level, sum(s.minutes) as minutes
		from course_session s join course c on c.id = s.course_id
		where s.status = 'scheduled' and s.starts_at >= ${q.start.toISOString()}::timestamptz and s.starts_at < ${q.end.toISOString()}::timestamptz and ${running(q, t)}
		group by 1, 2`
	);
	return result.map((r) => ({ axis: String(r.axis), level: String(r.level), minutes: num(r.minutes) }));
}

/**
 * Demand on the courses of the territory (any status but draft): requests made in the quarter,
 * enrolments (enrolled_at in it), the waiting list at its end (requested before the end and not
 * yet out of 'waiting' then — out is the first of offered_at, enrolled_at, ended_at), the median
 * wait in days (requested → enrolled, of the quarter's enrolments) and childcare requests.
 */
export async function demand(db: Database, q: Quarter, t: Territory): Promise<DemandRow[]> {
	const qs = sql`${q.start.toISOString()}::timestamptz`;
	const qe = sql`${q.end.toISOString()}::timestamptz`;
	const inQuarter = (col: SQL) => sql`${col} >= ${qs} and ${col} < ${qe}`;
	const result = await rows(
		db,
		sql`select c.axis, coalesce(c.level, '') as level,
			count(*) filter (where ${inQuarter(sql`e.requested_at`)}) as requests,
			count(*) filter (where ${inQuarter(sql`e.enrolled_at`)}) as enrolments,
			count(*) filter (where coalesce(least(e.offered_at, e.enrolled_at, e.ended_at), 'infinity'::timestamptz) >= ${qe}) as waiting,
			percentile_cont(0.5) within group (order by extract(epoch from (e.enrolled_at - e.requested_at)) / 86400.0)
				filter (where ${inQuarter(sql`e.enrolled_at`)}) as median_wait,
			count(*) filter (where e.needs_childcare and ${inQuarter(sql`e.requested_at`)}) as childcare
		from enrolment e join course c on c.id = e.course_id
		where c.status <> 'draft' and e.requested_at < ${qe}
			and (e.enrolled_at >= ${qs} or coalesce(least(e.offered_at, e.enrolled_at, e.ended_at), 'infinity'::timestamptz) >= ${qs} or e.requested_at >= ${qs})
			and ${inTerritory(sql`c.nis_code`, t)}
		group by grouping sets ((c.axis, coalesce(c.level, '')), ())`
	);
	// The empty grouping set is the whole territory (its median is not a sum of the rows'): axis '*'.
	return result.map((r) => ({
		axis: r.axis === null ? '*' : String(r.axis),
		level: r.axis === null ? '' : String(r.level),
		requests: num(r.requests),
		enrolments: num(r.enrolments),
		waitingAtEnd: num(r.waiting),
		medianWaitDays: r.median_wait === null || r.median_wait === undefined ? null : Math.round(Number(r.median_wait) * 10) / 10,
		childcareRequests: num(r.childcare)
	}));
}

/** Public directory searches that found nothing in the quarter, whose need maps to an axis; located by the searched municipality. */
export async function searchMisses(db: Database, q: Quarter, t: Territory): Promise<SignalRow[]> {
	const need = sql`(m.filters ->> 'need')`;
	const result = await rows(
		db,
		sql`select x.axis, x.level, count(*) as n from (
			select ${caseOf(need, 'axis')} as axis, ${caseOf(need, 'level')} as level from search_miss m
			where m.day >= ${q.startDate}::date and m.day < ${q.endDate}::date and ${inTerritory(sql`m.nis_code`, t)}
		) x where x.axis is not null group by 1, 2`
	);
	return result.map((r) => ({ axis: String(r.axis), level: String(r.level), count: num(r.n) }));
}

/** Referrals declined in the quarter for lack of places, by purpose; located by the receiving organisation. */
export async function declinedReferrals(db: Database, q: Quarter, t: Territory): Promise<SignalRow[]> {
	const result = await rows(
		db,
		sql`select x.axis, x.level, count(*) as n from (
			select ${caseOf(sql`r.purpose`, 'axis')} as axis, ${caseOf(sql`r.purpose`, 'level')} as level
			from referral r join organisation o on o.id = r.to_organisation_id
			where r.status = 'declined' and r.decline_reason = 'no_places'
				and r.responded_at >= ${q.start.toISOString()}::timestamptz and r.responded_at < ${q.end.toISOString()}::timestamptz
				and ${inTerritory(sql`o.nis_code`, t)}
		) x where x.axis is not null group by 1, 2`
	);
	return result.map((r) => ({ axis: String(r.axis), level: String(r.level), count: num(r.n) }));
}

/** Interpreter languages: asked by the quarter's requests vs offered by the courses running in it (number of courses). */
export async function languages(db: Database, q: Quarter, t: Territory): Promise<LanguageRow[]> {
	const result = await rows(
		db,
		sql`with asked as (
			select e.interpreter_language as language, count(*) as n from enrolment e join course c on c.id = e.course_id
			where e.interpreter_language is not null and e.requested_at >= ${q.start.toISOString()}::timestamptz and e.requested_at < ${q.end.toISOString()}::timestamptz
				and c.status <> 'draft' and ${inTerritory(sql`c.nis_code`, t)}
			group by 1
		), offered as (
			select l.language, count(*) as n from course c cross join lateral unnest(c.interpreter_languages) as l(language)
			where ${running(q, t)} group by 1
		)
		select coalesce(a.language, o.language) as language, coalesce(a.n, 0) as requested, coalesce(o.n, 0) as offered
		from asked a full join offered o on o.language = a.language order by 1`
	);
	return result.map((r) => ({ language: String(r.language), requested: num(r.requested), offeredCourses: num(r.offered) }));
}
