/**
 * Calendar dates of consents (given on, valid until) are Belgian days: a consent valid until
 * 2027-11-30 holds until midnight at the end of that day in Brussels, whatever the server's zone.
 */

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });
const partsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Today in Brussels, as YYYY-MM-DD. */
export function brusselsDay(now: Date): string {
	return dayFormat.format(now);
}

/** The instant a Brussels day starts (00:00 local time). */
export function startOfBrusselsDay(date: string): Date {
	const utcMidnight = new Date(`${date}T00:00:00Z`);
	const p = Object.fromEntries(partsFormat.formatToParts(utcMidnight).map((x) => [x.type, x.value]));
	const asIfUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
	return new Date(utcMidnight.getTime() - (asIfUtc - utcMidnight.getTime()));
}

export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The same day `months` later (the month's last day when it has fewer: 31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const target = new Date(Date.UTC(y, m - 1 + months, 1, 12));
	const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
	target.setUTCDate(Math.min(d, last));
	return target.toISOString().slice(0, 10);
}

/** The instant a consent valid until `validUntil` (inclusive) stops holding. */
export function consentEndsAt(validUntil: string): Date {
	return startOfBrusselsDay(addDays(validUntil, 1));
}

/** A date typed as YYYY-MM-DD that exists in the calendar. */
export function isCalendarDate(value: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) && new Date(`${value}T12:00:00Z`).toISOString().startsWith(value);
}
