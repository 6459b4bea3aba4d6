import { brusselsInstant, wallClock } from '../agenda/brussels-time';

/**
 * Calendar quarters in Brussels time, written `2026-Q1`, for every part of the courses (the funding
 * justification; the report spells them out in report/quarter.ts). A quarter runs from midnight on its first
 * day to midnight on the first day of the next one, Brussels wall clock: a session at 23:30 on
 * 31 March belongs to Q1, and one at 01:30 on 1 April belongs to Q2 although it is still 31 March
 * in UTC (23:30Z). Bounds are instants, so SQL compares `starts_at` with them directly.
 */
export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4 };

const pattern = /^\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*$/;

/** `2026-Q1` (also `2026q1`, `2026-q1`) → the quarter; anything else → null. */
export function parseQuarter(text: string | null | undefined): Quarter | null {
	const m = pattern.exec(text ?? '');
	if (!m) return null;
	const year = Number(m[1]);
	if (year < 2000 || year > 2100) return null;
	return { year, quarter: Number(m[2]) as Quarter['quarter'] };
}

export const quarterKey = (q: Quarter) => `${q.year}-Q${q.quarter}`;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First and last day (inclusive, YYYY-MM-DD). */
export function quarterDates(q: Quarter): { from: string; to: string } {
	const first = (q.quarter - 1) * 3 + 1;
	const last = first + 2;
	return { from: `${q.year}-${pad(first)}-01`, to: `${q.year}-${pad(last)}-${pad(lastDay(q.year, last))}` };
}

export const nextQuarter = (q: Quarter): Quarter => (q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] });
export const previousQuarter = (q: Quarter): Quarter => (q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] });

/** The instants the quarter starts (inclusive) and ends (exclusive), Brussels midnight. */
export function quarterBounds(q: Quarter): { start: Date; end: Date } {
	return { start: brusselsInstant(quarterDates(q).from), end: brusselsInstant(quarterDates(nextQuarter(q)).from) };
}

/** The quarter of a Brussels date (YYYY-MM-DD). */
export function quarterOfDate(date: string): Quarter {
	return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'] };
}

/** The quarter an instant falls in, Brussels time. */
export const quarterOf = (instant: Date): Quarter => quarterOfDate(wallClock(instant).date);

export const compareQuarters = (a: Quarter, b: Quarter) => a.year - b.year || a.quarter - b.quarter;

/** The current quarter and the `count - 1` before it, newest first (the page's choices). */
export function recentQuarters(now: Date, count = 8): Quarter[] {
	const out: Quarter[] = [quarterOf(now)];
	while (out.length < count) out.push(previousQuarter(out[out.length - 1]!));
	return out;
}
