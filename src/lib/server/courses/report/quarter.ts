import { brusselsInstant } from '../../agenda/brussels-time';

/**
 * A calendar quarter of the report ('2026-Q3'), with its bounds as Brussels instants: from the
 * first day's midnight (inclusive) to the next quarter's first midnight (exclusive).
 */
export type Quarter = {
	code: string;
	year: number;
	q: 1 | 2 | 3 | 4;
	/** First day (YYYY-MM-DD) and the day after the last one. */
	startDate: string;
	endDate: string;
	start: Date;
	end: Date;
};

export class QuarterError extends Error {
	constructor(readonly reason: 'invalid' | 'future') {
		super(reason === 'future' ? 'This quarter has not begun yet' : 'Not a quarter (YYYY-Qn)');
	}
}

const pad = (n: number) => String(n).padStart(2, '0');

export function quarterOf(year: number, q: number): Quarter {
	if (!Number.isInteger(year) || year < 2000 || year > 2100 || ![1, 2, 3, 4].includes(q)) throw new QuarterError('invalid');
	const startDate = `${year}-${pad((q - 1) * 3 + 1)}-01`;
	const endDate = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(q * 3 + 1)}-01`;
	return { code: `${year}-Q${q}`, year, q: q as Quarter['q'], startDate, endDate, start: brusselsInstant(startDate), end: brusselsInstant(endDate) };
}

/** '2026-Q3' → the quarter; anything else throws QuarterError('invalid'). */
export function parseQuarter(code: string): Quarter {
	const m = /^(\d{4})-Q([1-4])$/.exec(code.trim());
	if (!m) throw new QuarterError('invalid');
	return quarterOf(Number(m[1]), Number(m[2]));
}

export const previousQuarter = (x: Quarter): Quarter => (x.q === 1 ? quarterOf(x.year - 1, 4) : quarterOf(x.year, x.q - 1));

/** The quarter containing `now` (Brussels calendar). */
export function currentQuarter(now: Date): Quarter {
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit' }).format(now);
	const [y = 0, m = 1] = day.split('-').map(Number);
	return quarterOf(y, Math.floor((m - 1) / 3) + 1);
}

/** A report can be made for a past quarter, or for the current one (provisional); never for a future one. */
export function reportableQuarter(code: string, now: Date): { quarter: Quarter; provisional: boolean } {
	const quarter = parseQuarter(code);
	if (quarter.start.getTime() > now.getTime()) throw new QuarterError('future');
	return { quarter, provisional: quarter.end.getTime() > now.getTime() };
}

/** The quarters offered in the form: the current one and the `count - 1` before it, newest first. */
export function recentQuarters(now: Date, count = 8): Quarter[] {
	const list = [currentQuarter(now)];
	while (list.length < count) list.push(previousQuarter(list[list.length - 1]!));
	return list;
}
