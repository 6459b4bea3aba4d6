import { nextQuarter, parseQuarter as parsePeriod, previousQuarter as previousPeriod, quarterBounds, quarterDates, quarterKey, quarterOf as periodOf, recentQuarters as recentPeriods, type Quarter as Period } from '../quarter';

/**
 * A calendar quarter as the report uses it ('2026-Q3'): the quarter of ../quarter.ts (Brussels
 * time, shared with the funding justification) with its code, days and bounds spelled out.
 */
export type Quarter = {
	code: string;
	year: number;
	q: 1 | 2 | 3 | 4;
	/** First day (YYYY-MM-DD) and the day after the last one. */
	startDate: string;
	endDate: string;
	/** Brussels midnight of the first day (inclusive) and of the next quarter's first day (exclusive). */
	start: Date;
	end: Date;
};

export class QuarterError extends Error {
	constructor(readonly reason: 'invalid' | 'future') {
		super(reason === 'future' ? 'This quarter has not begun yet' : 'Not a quarter (YYYY-Qn)');
	}
}

function spelledOut(p: Period): Quarter {
	const { start, end } = quarterBounds(p);
	return { code: quarterKey(p), year: p.year, q: p.quarter, startDate: quarterDates(p).from, endDate: quarterDates(nextQuarter(p)).from, start, end };
}

export function quarterOf(year: number, q: number): Quarter {
	if (!Number.isInteger(year) || year < 2000 || year > 2100 || ![1, 2, 3, 4].includes(q)) throw new QuarterError('invalid');
	return spelledOut({ year, quarter: q as Period['quarter'] });
}

/** '2026-Q3' (as the form sends it; the shared parser also takes '2026q3') → the quarter; anything else throws QuarterError('invalid'). */
export function parseQuarter(code: string): Quarter {
	const period = parsePeriod(code);
	if (!period) throw new QuarterError('invalid');
	return spelledOut(period);
}

export const previousQuarter = (x: Quarter): Quarter => spelledOut(previousPeriod({ year: x.year, quarter: x.q }));

/** The quarter containing `now` (Brussels calendar). */
export const currentQuarter = (now: Date): Quarter => spelledOut(periodOf(now));

/** A report can be made for a past quarter, or for the current one (provisional); never for a future one. */
export function reportableQuarter(code: string, now: Date): { quarter: Quarter; provisional: boolean } {
	const quarter = parseQuarter(code);
	if (quarter.start.getTime() > now.getTime()) throw new QuarterError('future');
	return { quarter, provisional: quarter.end.getTime() > now.getTime() };
}

/** The quarters offered in the form: the current one and the `count - 1` before it, newest first. */
export const recentQuarters = (now: Date, count = 8): Quarter[] => recentPeriods(now, count).map(spelledOut);
