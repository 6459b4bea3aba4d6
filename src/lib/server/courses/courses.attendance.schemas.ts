import { z } from 'zod';
import { attendanceStatuses, type AttendanceStatus } from './courses.types';

/**
 * The register form: one row per trainee, named by the enrolment id — `status.<id>` (present,
 * absent, excused) and `hours.<id>` (the time attended, typed as hours: "2,5", "2.5", "2:30",
 * "2h30"; empty means the whole session for someone present). Refusals carry catalogue keys.
 */

const uuid = z.uuid();

/** What one row of the form sent, as typed (kept when the form comes back with an error). */
export type RegisterRowInput = { enrolmentId: string; status: string; hours: string };

/** Reads every `status.<id>` / `hours.<id>` pair of the form; ids that are not uuids make `foreign` true. */
export function readRegisterForm(data: FormData): { rows: RegisterRowInput[]; foreign: boolean } {
	const byId = new Map<string, RegisterRowInput>();
	let foreign = false;
	for (const [key, raw] of data.entries()) {
		const m = /^(status|hours)\.(.+)$/.exec(key);
		if (!m || typeof raw !== 'string') continue;
		const id = m[2]!;
		if (!uuid.safeParse(id).success) {
			foreign = true;
			continue;
		}
		const row = byId.get(id) ?? { enrolmentId: id, status: '', hours: '' };
		if (m[1] === 'status') row.status = raw.slice(0, 20);
		else row.hours = raw.slice(0, 20);
		byId.set(id, row);
	}
	return { rows: [...byId.values()], foreign };
}

/**
 * Hours as typed → minutes. "2,5" and "2.5" are decimal hours, "2:30" and "2h30" hours and
 * minutes, "45min" or "45 min" minutes. Empty → null; unreadable → NaN.
 */
export function parseHours(text: string): number | null {
	const s = text.trim().toLowerCase().replace(/\s+/g, '');
	if (s === '') return null;
	let m = /^(\d{1,2})(?:[.,](\d{1,2}))?h?$/.exec(s);
	if (m) return Math.round((Number(m[1]) + (m[2] ? Number(`0.${m[2]}`) : 0)) * 60);
	m = /^(\d{1,2})[:h](\d{2})$/.exec(s);
	if (m && Number(m[2]) < 60) return Number(m[1]) * 60 + Number(m[2]);
	m = /^(\d{1,3})min$/.exec(s);
	if (m) return Number(m[1]);
	return Number.NaN;
}

/** Minutes → what the hours field shows ("2:30", "3:00"): readable in every language, and parsed back. */
export const formatHours = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

export type RegisterEntry = { enrolmentId: string; status: AttendanceStatus; minutes: number };
export type RowProblem = { key: string; params?: Record<string, string | number> };

/**
 * Checks the rows against the register: every trainee on it needs a status; a present one gets
 * the minutes typed (1 … the session's length) or the whole session when left empty; absent and
 * excused count 0. Returns the entries to store, or the problem of each refused row.
 */
export function checkRegister(
	rows: RegisterRowInput[],
	onRegister: readonly string[],
	sessionMinutes: number
): { ok: true; entries: RegisterEntry[] } | { ok: false; errors: Record<string, RowProblem>; notOnRegister: boolean } {
	const known = new Set(onRegister);
	const notOnRegister = rows.some((r) => !known.has(r.enrolmentId));
	const byId = new Map(rows.map((r) => [r.enrolmentId, r]));
	const errors: Record<string, RowProblem> = {};
	const entries: RegisterEntry[] = [];
	for (const id of onRegister) {
		const row = byId.get(id);
		const status = row?.status ?? '';
		if (!(attendanceStatuses as readonly string[]).includes(status)) {
			errors[id] = { key: 'courses.register.errors.chooseStatus' };
			continue;
		}
		if (status !== 'present') {
			entries.push({ enrolmentId: id, status: status as AttendanceStatus, minutes: 0 });
			continue;
		}
		const minutes = parseHours(row?.hours ?? '');
		if (minutes === null) entries.push({ enrolmentId: id, status: 'present', minutes: sessionMinutes });
		else if (Number.isNaN(minutes)) errors[id] = { key: 'courses.register.errors.hoursInvalid' };
		else if (minutes > sessionMinutes) errors[id] = { key: 'courses.register.errors.hoursTooMany', params: { max: formatHours(sessionMinutes) } };
		else if (minutes <= 0) errors[id] = { key: 'courses.register.errors.hoursZero' };
		else entries.push({ enrolmentId: id, status: 'present', minutes });
	}
	if (notOnRegister || Object.keys(errors).length) return { ok: false, errors, notOnRegister };
	return { ok: true, entries };
}
