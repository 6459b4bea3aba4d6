import * as rruleModule from 'rrule';
import { floating, floatingDate, fromFloating, isoWeekday, toFloating, wallClock } from './brussels-time';

// rrule ships a UMD bundle for Node and an ES module for bundlers: take the classes from either.
const { RRule } = ((rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule) as typeof rruleModule;
type Options = NonNullable<ConstructorParameters<typeof RRule>[0]>;

/** A recurrence may not expand to more dates than this, nor beyond two years after its start. */
export const MAX_OCCURRENCES = 200;
export const MAX_SPAN_DAYS = 731;

/** When an activity takes place: Brussels dates and times, an RFC 5545 rule and its exceptions. */
export type Timing = {
	startDate: string;
	/** null: all day. */
	startTime: string | null;
	/** null: the same day as the start. */
	endDate: string | null;
	endTime: string | null;
	/** RFC 5545 RRULE value (without "RRULE:"); UNTIL in UTC, or a DATE for an all-day event. */
	rrule: string | null;
	/** Local dates (YYYY-MM-DD) on which a recurring activity does not take place (EXDATE). */
	exdates: string[];
};

export type Occurrence = { start: Date; end: Date | null; date: string; allDay: boolean };

export type TimingProblem =
	| 'agenda.errors.endBeforeStart'
	| 'agenda.errors.recurrenceNoEnd'
	| 'agenda.errors.recurrenceTooMany'
	| 'agenda.errors.recurrenceTooLong'
	| 'agenda.errors.recurrenceInvalid'
	| 'agenda.errors.recurrenceFrequency'
	| 'agenda.errors.recurrenceStart';

const allowedFrequencies = new Set([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY]);

/** Duration of one occurrence in minutes (all day: whole days), or a problem. */
function duration(t: Timing): number | 'agenda.errors.endBeforeStart' {
	const start = floating(t.startDate, t.startTime ?? '00:00');
	const endDate = t.endDate ?? t.startDate;
	if (t.startTime === null) {
		const days = (floating(endDate).getTime() - start.getTime()) / 86_400_000;
		return days < 0 ? 'agenda.errors.endBeforeStart' : (days + 1) * 1440;
	}
	if (t.endTime === null && t.endDate === null) return 0;
	// A timed activity ending on a later day without an end time lasts until the end of that day.
	const end = floating(endDate, t.endTime ?? '23:59');
	const minutes = (end.getTime() - start.getTime()) / 60_000;
	return minutes <= 0 ? 'agenda.errors.endBeforeStart' : minutes;
}

/** The rule's options with its start, in floating time; null when the text is not a valid rule. */
function ruleOptions(t: Timing): Partial<Options> | null {
	if (!t.rrule) return null;
	try {
		const text = t.rrule.replace(/^RRULE:/i, '').trim();
		if (!/^[A-Z0-9=;,+\-]+$/i.test(text) || !/FREQ=/i.test(text)) return null;
		const options = RRule.parseString(text) as Partial<Options>;
		delete options.tzid;
		delete options.dtstart;
		// An UNTIL in UTC is a real instant: compare it with the floating dates as a Brussels wall clock.
		if (options.until && /UNTIL=\d{8}T\d{6}Z/i.test(text)) options.until = toFloating(options.until);
		options.dtstart = floating(t.startDate, t.startTime ?? '00:00');
		return options;
	} catch {
		return null;
	}
}

/**
 * Checks a timing and expands it: the end after the start; a recurrence with an end (COUNT or
 * UNTIL), daily to yearly, starting on its first date, at most MAX_OCCURRENCES dates within
 * MAX_SPAN_DAYS. Returns the occurrences (exceptions removed) or the catalogue key of the problem.
 */
export function expandTiming(t: Timing): { ok: true; occurrences: Occurrence[] } | { ok: false; problem: TimingProblem } {
	const minutes = duration(t);
	if (typeof minutes === 'string') return { ok: false, problem: minutes };
	const allDay = t.startTime === null;
	const make = (f: Date): Occurrence => {
		const start = fromFloating(f);
		const end = allDay ? fromFloating(new Date(f.getTime() + minutes * 60_000)) : minutes > 0 ? fromFloating(new Date(f.getTime() + minutes * 60_000)) : null;
		return { start, end, date: floatingDate(f), allDay };
	};
	if (!t.rrule) return { ok: true, occurrences: [make(floating(t.startDate, t.startTime ?? '00:00'))] };
	const options = ruleOptions(t);
	if (!options || options.freq === undefined) return { ok: false, problem: 'agenda.errors.recurrenceInvalid' };
	if (!allowedFrequencies.has(options.freq)) return { ok: false, problem: 'agenda.errors.recurrenceFrequency' };
	if (!options.count && !options.until) return { ok: false, problem: 'agenda.errors.recurrenceNoEnd' };
	let dates: Date[];
	try {
		dates = new RRule(options).all((_, i) => i <= MAX_OCCURRENCES);
	} catch {
		return { ok: false, problem: 'agenda.errors.recurrenceInvalid' };
	}
	if (dates.length > MAX_OCCURRENCES) return { ok: false, problem: 'agenda.errors.recurrenceTooMany' };
	if (!dates.length || dates[0]!.getTime() !== options.dtstart!.getTime()) return { ok: false, problem: 'agenda.errors.recurrenceStart' };
	if (dates[dates.length - 1]!.getTime() - dates[0]!.getTime() > MAX_SPAN_DAYS * 86_400_000) return { ok: false, problem: 'agenda.errors.recurrenceTooLong' };
	const skipped = new Set(t.exdates);
	return { ok: true, occurrences: dates.filter((d) => !skipped.has(floatingDate(d))).map(make) };
}

/** The simple repetitions the form offers without writing a rule. */
export const repeatChoices = ['none', 'daily', 'weekly', 'biweekly', 'monthly', 'custom'] as const;
export type RepeatChoice = (typeof repeatChoices)[number];
const RRULE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** UNTIL for a last date: the end of that Brussels day in UTC, or a DATE for an all-day event. */
export function untilValue(untilDate: string, allDay: boolean): string {
	if (allDay) return untilDate.replace(/-/g, '');
	const instant = new Date(fromFloating(floating(untilDate, '23:59')).getTime() + 59_000);
	return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * RFC 5545 wants UNTIL in UTC when the start has a time zone, and a DATE for an all-day event: a
 * typed UNTIL=20270630 or UNTIL=20270630T180000 (Brussels wall clock) is rewritten so.
 */
export function normaliseUntil(rule: string | null, allDay: boolean): string | null {
	if (!rule) return rule;
	return rule.replace(/UNTIL=(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})(Z?))?/, (whole, y: string, m: string, d: string, time?: string, hh?: string, mm?: string, _ss?: string, z?: string) => {
		if (allDay) return `UNTIL=${y}${m}${d}`;
		if (z) return whole;
		if (!time) return `UNTIL=${untilValue(`${y}-${m}-${d}`, false)}`;
		return `UNTIL=${fromFloating(floating(`${y}-${m}-${d}`, `${hh}:${mm}`)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`;
	});
}

/** Builds the rule of a simple choice ("every week until 30 June"), synchronised with the start date. */
export function buildRule(choice: RepeatChoice, startDate: string, allDay: boolean, end: { until: string | null; count: number | null }, custom: string | null): string | null {
	if (choice === 'none') return null;
	if (choice === 'custom') return normaliseUntil(custom?.replace(/^RRULE:/i, '').trim().toUpperCase() || null, allDay);
	const day = RRULE_DAYS[isoWeekday(startDate) - 1]!;
	const dayOfMonth = Number(startDate.slice(8, 10));
	const nth = Math.ceil(dayOfMonth / 7);
	const parts =
		choice === 'daily'
			? ['FREQ=DAILY']
			: choice === 'weekly'
				? ['FREQ=WEEKLY', `BYDAY=${day}`]
				: choice === 'biweekly'
					? ['FREQ=WEEKLY', 'INTERVAL=2', `BYDAY=${day}`]
					: // Monthly on the same weekday: the 1st to 4th, or the last when it is the 5th.
						['FREQ=MONTHLY', `BYDAY=${nth >= 5 ? -1 : nth}${day}`];
	if (end.until) parts.push(`UNTIL=${untilValue(end.until, allDay)}`);
	else if (end.count) parts.push(`COUNT=${end.count}`);
	return parts.join(';');
}

/** What the form shows for a stored rule: a simple choice when it is one, else the rule itself. */
export function describeForForm(rule: string | null, startDate: string): { repeat: RepeatChoice; until: string; count: string; custom: string } {
	if (!rule) return { repeat: 'none', until: '', count: '', custom: '' };
	const until = /UNTIL=(\d{8})(T\d{6}Z)?/.exec(rule);
	const count = /COUNT=(\d+)/.exec(rule)?.[1] ?? '';
	let untilDate = '';
	if (until) {
		const raw = `${until[1]!.slice(0, 4)}-${until[1]!.slice(4, 6)}-${until[1]!.slice(6, 8)}`;
		untilDate = until[2] ? wallClock(new Date(`${raw}T${until[2].slice(1, 3)}:${until[2].slice(3, 5)}:${until[2].slice(5, 7)}Z`)).date : raw;
	}
	const end = { until: untilDate || null, count: count ? Number(count) : null };
	for (const choice of ['daily', 'weekly', 'biweekly', 'monthly'] as const) {
		for (const allDay of [false, true]) if (buildRule(choice, startDate, allDay, end, null) === rule) return { repeat: choice, until: untilDate, count, custom: '' };
	}
	return { repeat: 'custom', until: '', count: '', custom: rule };
}

/** Parts of a rule for a human sentence (describeRule in the presenter turns them into words). */
export function ruleFacts(rule: string): { freq: 'daily' | 'weekly' | 'monthly' | 'yearly'; interval: number; weekdays: number[]; position: number | null; until: Date | null; count: number | null } | null {
	const t: Timing = { startDate: '2000-01-03', startTime: '00:00', endDate: null, endTime: null, rrule: rule, exdates: [] };
	const o = ruleOptions(t);
	if (!o || o.freq === undefined) return null;
	const freq = ({ [RRule.DAILY]: 'daily', [RRule.WEEKLY]: 'weekly', [RRule.MONTHLY]: 'monthly', [RRule.YEARLY]: 'yearly' } as Record<number, 'daily' | 'weekly' | 'monthly' | 'yearly'>)[o.freq];
	if (!freq) return null;
	const raw = (Array.isArray(o.byweekday) ? o.byweekday : o.byweekday !== undefined && o.byweekday !== null ? [o.byweekday] : []) as ({ weekday: number; n?: number } | number)[];
	const weekdays = raw.map((w) => (typeof w === 'number' ? w : w.weekday) + 1);
	const position = raw.length === 1 && typeof raw[0] === 'object' && raw[0].n ? raw[0].n : null;
	const until = o.until ? fromFloating(o.until) : null;
	return { freq, interval: o.interval ?? 1, weekdays, position, until, count: o.count ?? null };
}

/** The occurrences from `from` (inclusive) on: those running now or later, at most `limit`. */
export function upcoming(occurrences: Occurrence[], from: Date, limit = Infinity): Occurrence[] {
	return occurrences.filter((o) => (o.end ?? o.start) >= from).slice(0, limit);
}

