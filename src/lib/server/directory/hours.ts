/** Opening hours: weekly slots, Belgian public holidays, dated exceptions, OSM opening_hours. */
export type Slot = { weekday: number; opensAt: string; closesAt: string };
export type Exception = { startsOn: string; endsOn: string; kind: 'closed' | 'hours'; hours?: { opensAt: string; closesAt: string }[] | null; noticeFrom: string };

const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** Evening: a weekday slot that ends after 18:00 or starts from 17:00. */
export const hasEvening = (slots: Slot[]) => slots.some((s) => s.weekday <= 5 && (s.closesAt > '18:00' || s.opensAt >= '17:00'));
export const hasWeekend = (slots: Slot[]) => slots.some((s) => s.weekday >= 6);

/** Easter Sunday (Gregorian, anonymous algorithm). */
function easter(year: number): Date {
	const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
	const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
	return new Date(Date.UTC(year, month - 1, day));
}

/** The ten legal public holidays of Belgium, as YYYY-MM-DD. */
export function belgianHolidays(year: number): Set<string> {
	const iso = (d: Date) => d.toISOString().slice(0, 10);
	const plus = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
	const e = easter(year);
	return new Set([
		`${year}-01-01`, iso(plus(e, 1)), `${year}-05-01`, iso(plus(e, 39)), iso(plus(e, 50)),
		`${year}-07-21`, `${year}-08-15`, `${year}-11-01`, `${year}-11-11`, `${year}-12-25`
	]);
}

/** Local date, weekday (1–7) and time in Brussels. */
export function brusselsNow(now: Date): { date: string; weekday: number; time: string } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
			.formatToParts(now)
			.map((p) => [p.type, p.value])
	);
	const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
	return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

function addDays(date: string, n: number): { date: string; weekday: number } {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return { date: d.toISOString().slice(0, 10), weekday: ((d.getUTCDay() + 6) % 7) + 1 };
}

/** The slots of one date, after holidays and exceptions. */
export function slotsOn(date: string, weekday: number, slots: Slot[], exceptions: Exception[], closedOnHolidays: boolean): { opensAt: string; closesAt: string }[] {
	const exception = exceptions.find((e) => e.startsOn <= date && date <= e.endsOn);
	if (exception) return exception.kind === 'closed' ? [] : (exception.hours ?? []);
	if (closedOnHolidays && belgianHolidays(Number(date.slice(0, 4))).has(date)) return [];
	return slots.filter((s) => s.weekday === weekday).map(({ opensAt, closesAt }) => ({ opensAt, closesAt })).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
}

export type OpeningState = { open: true; closesAt: string } | { open: false; next: { date: string; weekday: number; opensAt: string } | null };

/** Open now (until when), or the next opening within two weeks. */
export function openingState(slots: Slot[], exceptions: Exception[], closedOnHolidays: boolean, now: Date): OpeningState {
	const here = brusselsNow(now);
	const today = slotsOn(here.date, here.weekday, slots, exceptions, closedOnHolidays);
	const current = today.find((s) => s.opensAt <= here.time && here.time < s.closesAt);
	if (current) return { open: true, closesAt: current.closesAt };
	const later = today.find((s) => s.opensAt > here.time);
	if (later) return { open: false, next: { date: here.date, weekday: here.weekday, opensAt: later.opensAt } };
	for (let n = 1; n <= 14; n++) {
		const day = addDays(here.date, n);
		const first = slotsOn(day.date, day.weekday, slots, exceptions, closedOnHolidays)[0];
		if (first) return { open: false, next: { ...day, opensAt: first.opensAt } };
	}
	return { open: false, next: null };
}

/** Exceptions to announce today: those whose notice period has begun and that are not over. */
export function announcedExceptions<E extends Exception>(exceptions: E[], now: Date): E[] {
	const { date } = brusselsNow(now);
	return exceptions.filter((e) => e.noticeFrom <= date && date <= e.endsOn);
}

/** OSM opening_hours: "Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-12:00; PH off". */
export function toOpeningHours(slots: Slot[], closedOnHolidays: boolean): string {
	const byDay = OSM_DAYS.map((_, i) =>
		slots
			.filter((s) => s.weekday === i + 1)
			.sort((a, b) => a.opensAt.localeCompare(b.opensAt))
			.map((s) => `${s.opensAt.slice(0, 5)}-${s.closesAt.slice(0, 5)}`)
			.join(',')
	);
	const rules: string[] = [];
	for (let i = 0; i < 7; ) {
		if (!byDay[i]) {
			i++;
			continue;
		}
		let j = i;
		while (j + 1 < 7 && byDay[j + 1] === byDay[i]) j++;
		rules.push(`${j > i ? `${OSM_DAYS[i]}-${OSM_DAYS[j]}` : OSM_DAYS[i]} ${byDay[i]}`);
		i = j + 1;
	}
	if (rules.length === 0) return 'off';
	if (closedOnHolidays) rules.push('PH off');
	return rules.join('; ');
}

/** Open at a given Brussels moment; the moment and the year's holidays are computed once by the caller. */
export function isOpenAt(slots: Slot[], exceptions: Exception[], closedOnHolidays: boolean, here: { date: string; weekday: number; time: string }, holidays: Set<string>): boolean {
	const exception = exceptions.length ? exceptions.find((e) => e.startsOn <= here.date && here.date <= e.endsOn) : undefined;
	const today = exception
		? exception.kind === 'closed'
			? []
			: (exception.hours ?? [])
		: closedOnHolidays && holidays.has(here.date)
			? []
			: slots.filter((s) => s.weekday === here.weekday);
	return today.some((s) => s.opensAt <= here.time && here.time < s.closesAt);
}
