/**
 * Wall-clock time in Europe/Brussels, where every activity of the agenda takes place.
 * Recurrences are expanded in "floating" time (a Date whose UTC fields are the Brussels wall
 * clock), then each occurrence is turned into a real instant: an 18:00 weekly event stays at
 * 18:00 local across the changes of summer and winter time.
 */
export const TIME_ZONE = 'Europe/Brussels';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/** The Brussels wall clock of an instant. */
export function wallClock(instant: Date): { date: string; time: string } {
	const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
	return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Minutes Brussels is ahead of UTC at that instant (60 in winter, 120 in summer). */
export function offsetMinutes(instant: Date): number {
	const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
	const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
	return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** A floating Date: UTC fields hold the Brussels wall clock of `date` (YYYY-MM-DD) at `time` (HH:MM). */
export function floating(date: string, time = '00:00'): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const [h, mi] = time.split(':').map(Number) as [number, number];
	return new Date(Date.UTC(y, m - 1, d, h, mi));
}

export const floatingDate = (f: Date) => f.toISOString().slice(0, 10);
export const floatingTime = (f: Date) => f.toISOString().slice(11, 16);

/** The real instant of a Brussels wall-clock time (a time skipped in March moves an hour later). */
export function fromFloating(f: Date): Date {
	let guess = f.getTime() - offsetMinutes(f) * 60_000;
	// Twice: the offset at the guess may differ from the offset at the floating value near a change.
	guess = f.getTime() - offsetMinutes(new Date(guess)) * 60_000;
	return new Date(guess);
}

/** The instant of a Brussels date and time. */
export const brusselsInstant = (date: string, time = '00:00') => fromFloating(floating(date, time));

/** The floating Date of an instant. */
export function toFloating(instant: Date): Date {
	const w = wallClock(instant);
	return floating(w.date, w.time);
}

/** Today in Brussels (YYYY-MM-DD). */
export const brusselsToday = (now: Date) => wallClock(now).date;

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export const isoWeekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** ISO 8601 with the Brussels offset, as schema.org and feeds want it: 2026-10-20T18:00:00+02:00. */
export function isoWithOffset(instant: Date): string {
	const w = wallClock(instant);
	const off = offsetMinutes(instant);
	const sign = off >= 0 ? '+' : '-';
	const abs = Math.abs(off);
	return `${w.date}T${w.time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
