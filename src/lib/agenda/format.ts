import type { Translate } from '$lib/i18n/translator';

/** A recurrence rule's facts, as the presenter sends them to pages (dates as ISO strings). */
export type RuleFacts = { freq: 'daily' | 'weekly' | 'monthly' | 'yearly'; interval: number; weekdays: number[]; position: number | null; until: string | null; count: number | null };

const zone = 'Europe/Brussels';
const positions: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' };

/** Weekday names (1 Monday … 7 Sunday) in the page's language. */
export function weekdayName(weekday: number, locale: string): string {
	return new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** "Every week: Tuesday and Thursday, until 30 June 2027" in the page's language, or null. */
export function recurrenceText(facts: RuleFacts | null, locale: string, t: Translate): string | null {
	if (!facts) return null;
	const days = new Intl.ListFormat(locale, { type: 'conjunction' }).format(facts.weekdays.map((d) => weekdayName(d, locale)));
	let rule: string;
	if (facts.freq === 'daily') rule = t('agenda.recurrence.daily');
	else if (facts.freq === 'weekly') rule = t('agenda.recurrence.weekly', { interval: facts.interval, days: days || '' });
	else if (facts.freq === 'monthly' && facts.position !== null && facts.weekdays.length === 1 && positions[String(facts.position)])
		rule = t('agenda.recurrence.monthlyDay', { position: positions[String(facts.position)]!, day: weekdayName(facts.weekdays[0]!, locale) });
	else if (facts.freq === 'monthly') rule = t('agenda.recurrence.monthly');
	else rule = t('agenda.recurrence.yearly');
	if (facts.until) return t('agenda.recurrence.until', { rule, date: new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { dateStyle: 'long', timeZone: zone }).format(new Date(facts.until)) });
	if (facts.count) return t('agenda.recurrence.count', { rule, count: facts.count });
	return rule;
}

/** One date of an activity: "mardi 20 octobre 2026, 18:00 – 19:30" (Brussels time, Gregorian). */
export function occurrenceText(start: string | Date, end: string | Date | null, allDay: boolean, locale: string): string {
	const s = new Date(start);
	if (allDay) {
		const f = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { dateStyle: 'full', timeZone: zone });
		// An all-day end is exclusive (the next midnight): show the last day.
		const last = end ? new Date(new Date(end).getTime() - 60_000) : s;
		return last.getTime() - s.getTime() >= 86_400_000 - 60_000 ? f.formatRange(s, last) : f.format(s);
	}
	const f = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { dateStyle: 'full', timeStyle: 'short', timeZone: zone });
	return end ? f.formatRange(s, new Date(end)) : f.format(s);
}

/** A day heading: "mardi 20 octobre". */
export function dayHeading(date: string, locale: string): string {
	return new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** A time of day: "18:00". */
export function timeText(instant: string | Date, locale: string): string {
	return new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { timeStyle: 'short', timeZone: zone }).format(new Date(instant));
}
