import { addDays, brusselsInstant, isoWeekday, wallClock } from '../agenda/brussels-time';
import { EVENING_FROM_HOUR } from './courses.types';

/** A session's row values from a Brussels date and wall-clock times (HH:MM). */
export function sessionAt(date: string, start: string, end: string): { startsAt: Date; endsAt: Date; minutes: number; evening: boolean; weekend: boolean } {
	const startsAt = brusselsInstant(date, start);
	const endsAt = brusselsInstant(date, end);
	return { startsAt, endsAt, minutes: Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000), ...sessionKind(startsAt) };
}

/** Evening (starts at 17:00 or later, Brussels time) and weekend (Saturday or Sunday in Brussels). */
export function sessionKind(startsAt: Date): { evening: boolean; weekend: boolean } {
	const { date, time } = wallClock(startsAt);
	return { evening: Number(time.slice(0, 2)) >= EVENING_FROM_HOUR, weekend: isoWeekday(date) >= 6 };
}

/** The dates from `from` to `to` (inclusive, YYYY-MM-DD) that fall on the given ISO weekdays (1 = Monday). */
export function weeklyDates(from: string, to: string, weekdays: readonly number[]): string[] {
	const out: string[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) if (weekdays.includes(isoWeekday(d))) out.push(d);
	return out;
}
