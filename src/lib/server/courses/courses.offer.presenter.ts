import { isoWeekday, wallClock } from '../agenda/brussels-time';
import type { listSessions } from './courses.offer.repository';
import { courseAxes, fleFocuses, fleLevels, registrationModes } from './courses.types';
import { courseLanguages } from './courses.offer.schemas';
import type { CourseRow } from './load-course';

/** The choices the course form offers. */
export const courseFormOptions = { axes: courseAxes, levels: fleLevels, focuses: fleFocuses, registrationModes, languages: courseLanguages };

const price = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ','));

/** A stored course as the form's values (what the form shows before anyone types). */
export function courseFormValues(row: CourseRow): Record<string, string | string[]> {
	return {
		title: row.title,
		description: row.description,
		axis: row.axis,
		level: row.level ?? '',
		focus: row.focus ?? '',
		nisCode: row.nisCode,
		address: row.address ?? '',
		capacity: String(row.capacity),
		childcarePlaces: String(row.childcarePlaces),
		interpreterLanguages: row.interpreterLanguages,
		price: price(row.priceCents),
		languages: row.languages,
		prerequisites: row.prerequisites,
		startsOn: row.startsOn,
		endsOn: row.endsOn,
		totalHours: String(row.totalHours),
		registrationMode: row.registrationMode,
		funder: row.funder ?? '',
		version: String(row.version)
	};
}

/** What the course page shows of the course beside the form (no people). */
export function presentCourseOverview(row: CourseRow, counts: { seatsTaken: number; waiting: number; sessions: number }) {
	return {
		id: row.id,
		status: row.status,
		capacity: row.capacity,
		seatsTaken: counts.seatsTaken,
		waiting: counts.waiting,
		sessions: counts.sessions,
		childcarePlaces: row.childcarePlaces,
		hasEvening: row.hasEvening,
		hasWeekend: row.hasWeekend,
		serviceId: row.status === 'published' ? row.serviceId : null,
		startsOn: row.startsOn,
		endsOn: row.endsOn,
		totalHours: row.totalHours
	};
}

/** Sessions with their Brussels date and times (the page formats the date in its language). */
export function presentSessions(rows: Awaited<ReturnType<typeof listSessions>>) {
	return rows.map((s) => {
		const start = wallClock(s.startsAt);
		return {
			id: s.id,
			date: start.date,
			weekday: isoWeekday(start.date),
			start: start.time,
			end: wallClock(s.endsAt).time,
			minutes: s.minutes,
			evening: s.evening,
			weekend: s.weekend,
			status: s.status,
			hasRegister: Boolean(s.registerSavedAt || s.lockedAt)
		};
	});
}
