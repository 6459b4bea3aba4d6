/** Brussels wall-clock time, without a time-zone library: Intl knows the offsets. */
export const ZONE = 'Europe/Brussels';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: 'numeric',
	day: 'numeric',
	hour: 'numeric',
	minute: 'numeric',
	second: 'numeric'
});

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

export function brusselsTime(date: Date): WallTime {
	const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
	return {
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
		hour: Number(parts.hour) % 24,
		minute: Number(parts.minute),
		second: Number(parts.second)
	};
}

/** The instant at which Brussels clocks show this date and time (the later one in the autumn overlap). */
export function fromBrusselsTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
	const wanted = Date.UTC(year, month - 1, day, hour, minute);
	let guess = wanted;
	// Two corrections settle both sides of a change of offset.
	for (let i = 0; i < 2; i++) {
		const w = brusselsTime(new Date(guess));
		const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
		guess += wanted - shown;
	}
	return new Date(guess);
}

/** ISO 8601 week of a calendar date: its id ("2026-W11") and the Monday that starts it. */
export function isoWeek(year: number, month: number, day: number): { id: string; monday: { year: number; month: number; day: number } } {
	const date = new Date(Date.UTC(year, month - 1, day));
	const weekday = date.getUTCDay() || 7;
	const monday = new Date(date.getTime() - (weekday - 1) * 86_400_000);
	const thursday = new Date(date.getTime() + (4 - weekday) * 86_400_000);
	const weekYear = thursday.getUTCFullYear();
	// The week's Thursday falls in the first seven days of its year in week 1.
	const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 / 7) + 1;
	return {
		id: `${weekYear}-W${String(week).padStart(2, '0')}`,
		monday: { year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() }
	};
}

export type DigestWeek = { id: string; dueAt: Date; start: Date; end: Date };

/** The Brussels ISO week containing `now`, when its digest is due, and its bounds [start, end). */
export function digestWeek(now: Date, schedule: { weekday: number; hour: number; minute: number }): DigestWeek {
	const w = brusselsTime(now);
	const { id, monday } = isoWeek(w.year, w.month, w.day);
	const at = (days: number, hour = 0, minute = 0) => {
		const d = new Date(Date.UTC(monday.year, monday.month - 1, monday.day + days));
		return fromBrusselsTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, minute);
	};
	return { id, dueAt: at(schedule.weekday - 1, schedule.hour, schedule.minute), start: at(0), end: at(7) };
}

const gregorian = (locale: string) => `${locale}-u-ca-gregory`;

/** When an event happens, in Brussels time and the reader's language. */
export function formatWhen(locale: string, startsAt: Date, endsAt: Date | null, allDay: boolean): string {
	if (allDay) {
		const f = new Intl.DateTimeFormat(gregorian(locale), { dateStyle: 'full', timeZone: ZONE });
		// An all-day event ends at midnight after its last day (or on it): show the days it covers.
		const last = endsAt ? new Date(endsAt.getTime() - 1) : null;
		return last && last > startsAt && f.format(last) !== f.format(startsAt) ? f.formatRange(startsAt, last) : f.format(startsAt);
	}
	const f = new Intl.DateTimeFormat(gregorian(locale), { dateStyle: 'full', timeStyle: 'short', timeZone: ZONE });
	return endsAt && endsAt > startsAt ? f.formatRange(startsAt, endsAt) : f.format(startsAt);
}

/** "jeu. 12 mars, 18:30" for a digest line (no time for an all-day event). */
export function formatShort(locale: string, startsAt: Date, allDay: boolean): string {
	return new Intl.DateTimeFormat(gregorian(locale), {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		...(allDay ? {} : { hour: 'numeric', minute: '2-digit' }),
		timeZone: ZONE
	}).format(startsAt);
}

/** "9 – 15 mars" for a digest's heading: Monday to Sunday of the week. */
export function formatWeek(locale: string, start: Date, end: Date): string {
	const f = new Intl.DateTimeFormat(gregorian(locale), { day: 'numeric', month: 'long', timeZone: ZONE });
	return f.formatRange(start, new Date(end.getTime() - 12 * 3_600_000));
}

/** The bounds [start, end) in Brussels time of an ISO week given by its id ("2026-W11"). */
export function weekBounds(id: string): { start: Date; end: Date } | null {
	const m = /^(\d{4})-W(\d{2})$/.exec(id);
	if (!m) return null;
	const year = Number(m[1]);
	// The Monday of week 1 is the Monday of the week holding 4 January.
	const jan4 = new Date(Date.UTC(year, 0, 4));
	const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (Number(m[2]) - 1) * 7 * 86_400_000);
	const at = (days: number) => {
		const d = new Date(monday.getTime() + days * 86_400_000);
		return fromBrusselsTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
	};
	return { start: at(0), end: at(7) };
}
