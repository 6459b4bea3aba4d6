import { readMunicipalities } from '../territory/territory.data';
import { parseDayHours } from './hours-input';

/**
 * The repeated parts of the service form (dated exceptions, addresses, eligibility zone), posted
 * as plain fields without JavaScript: `ex-{i}-{field}` and `loc-{i}-{field}`. A row left blank is
 * ignored (the form always shows one blank row to fill); a row whose "remove" box is ticked is
 * kept as typed so a refused form shows it again, still ticked.
 */

/** Days before its start from which an exception is announced when no date is given. */
export const DEFAULT_NOTICE_DAYS = 15;
/** Exceptions that ended more than this many days ago are kept but not shown in the form. */
export const PAST_EXCEPTION_DAYS = 30;
const MAX_ROWS = 50;

export type ExceptionRow = { id: string; startsOn: string; endsOn: string; kind: string; hours: string; noticeFrom: string; message: string; remove: boolean };
export type LocationRow = { id: string; existing: string; street: string; postalCode: string; nisCode: string; remove: boolean };

export type ExceptionInput = { id: string | null; startsOn: string; endsOn: string; kind: 'closed' | 'hours'; hours: { opensAt: string; closesAt: string }[] | null; noticeFrom: string; message: string };
/** An address of the service: a linked one (id) edited, an organisation's address chosen (existing), or a new one. */
export type LocationInput = { id: string | null; existing: string | null; street: string; postalCode: string; nisCode: string };

let nisCodes: Set<string> | null = null;
/** The territory's municipalities (bundled reference data), to refuse an unknown NIS code before the database does. */
export const knownNis = () => (nisCodes ??= new Set(readMunicipalities().map((m) => m.nisCode)));

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Indices of the rows posted under a prefix, in order. */
function rowIndices(data: FormData, prefix: string): number[] {
	const found = new Set<number>();
	for (const key of data.keys()) {
		const m = new RegExp(`^${prefix}-(\\d{1,3})-`).exec(key);
		if (m && Number(m[1]) < MAX_ROWS) found.add(Number(m[1]));
	}
	return [...found].sort((a, b) => a - b);
}

const field = (data: FormData, name: string, max = 300) => String(data.get(name) ?? '').slice(0, max);

/** A calendar date typed as 2026-12-24 (date inputs) or 24/12/2026 (browsers without them); null when it does not exist. */
export function parseDate(text: string): string | null {
	const t = text.trim();
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
	const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
	const [year, month, day] = iso ? [iso[1], iso[2], iso[3]].map(Number) : dmy ? [dmy[3], dmy[2], dmy[1]].map(Number) : [];
	if (year === undefined || month === undefined || day === undefined || year < 2000 || year > 2100) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
	return date.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** Reads the exception rows; errors are keyed `ex-{i}-{field}` (i = the row's place in the re-shown list). */
export function readExceptionRows(data: FormData) {
	const rows: ExceptionRow[] = rowIndices(data, 'ex')
		.map((i) => ({
			id: field(data, `ex-${i}-id`, 36),
			startsOn: field(data, `ex-${i}-startsOn`, 20).trim(),
			endsOn: field(data, `ex-${i}-endsOn`, 20).trim(),
			kind: field(data, `ex-${i}-kind`, 10) === 'hours' ? 'hours' : 'closed',
			hours: field(data, `ex-${i}-hours`, 100),
			noticeFrom: field(data, `ex-${i}-noticeFrom`, 20).trim(),
			message: field(data, `ex-${i}-message`, 300),
			remove: data.get(`ex-${i}-remove`) === 'on'
		}))
		.filter((r) => r.id || r.startsOn || r.endsOn || r.hours.trim() || r.noticeFrom || r.message.trim());
	const errors: Record<string, string> = {};
	const exceptions: (ExceptionInput & { row: number })[] = [];
	const removed: string[] = [];
	rows.forEach((r, i) => {
		const id = uuid.test(r.id) ? r.id : null;
		if (r.remove) {
			if (id) removed.push(id);
			return;
		}
		const key = (f: string) => `ex-${i}-${f}`;
		const startsOn = r.startsOn ? parseDate(r.startsOn) : null;
		if (!r.startsOn) errors[key('startsOn')] = 'pro.errors.required';
		else if (!startsOn) errors[key('startsOn')] = 'pro.errors.date';
		const endsOn = r.endsOn ? parseDate(r.endsOn) : startsOn;
		if (r.endsOn && !endsOn) errors[key('endsOn')] = 'pro.errors.date';
		else if (startsOn && endsOn && endsOn < startsOn) errors[key('endsOn')] = 'pro.errors.endBeforeStart';
		let hours: ExceptionInput['hours'] = null;
		if (r.kind === 'hours') {
			const slots = r.hours.trim() ? parseDayHours(1, r.hours) : null;
			if (!slots) errors[key('hours')] = 'pro.errors.exceptionHours';
			else hours = slots.map(({ opensAt, closesAt }) => ({ opensAt, closesAt }));
		}
		const noticeFrom = r.noticeFrom ? parseDate(r.noticeFrom) : startsOn ? addDays(startsOn, -DEFAULT_NOTICE_DAYS) : null;
		if (r.noticeFrom && !noticeFrom) errors[key('noticeFrom')] = 'pro.errors.date';
		else if (startsOn && noticeFrom && noticeFrom > startsOn) errors[key('noticeFrom')] = 'pro.errors.noticeAfterStart';
		if (startsOn && endsOn && noticeFrom && !Object.keys(errors).some((k) => k.startsWith(`ex-${i}-`)))
			exceptions.push({ id, startsOn, endsOn, kind: r.kind as 'closed' | 'hours', hours, noticeFrom, message: r.message.trim(), row: i });
	});
	// Two periods that overlap would leave the public page guessing which one applies.
	exceptions.forEach((e, n) => {
		const other = exceptions.slice(0, n).find((o) => o.startsOn <= e.endsOn && e.startsOn <= o.endsOn);
		if (other) errors[`ex-${e.row}-startsOn`] = 'pro.errors.exceptionOverlap';
	});
	return { rows, exceptions: exceptions.map(({ row: _, ...e }) => e as ExceptionInput), removed, errors };
}

/** Reads the address rows; at least one address must remain. Errors are keyed `loc-{i}-{field}`. */
export function readLocationRows(data: FormData) {
	let rows: LocationRow[] = rowIndices(data, 'loc').map((i) => ({
		id: field(data, `loc-${i}-id`, 36),
		existing: field(data, `loc-${i}-existing`, 36),
		street: field(data, `loc-${i}-street`, 200),
		postalCode: field(data, `loc-${i}-postalCode`, 10).trim(),
		nisCode: field(data, `loc-${i}-nisCode`, 10),
		remove: data.get(`loc-${i}-remove`) === 'on'
	}));
	// A form from before several addresses (street, postalCode, nisCode) still reads as one new address.
	if (rows.length === 0 && data.has('street')) rows = [{ id: '', existing: '', street: field(data, 'street', 200), postalCode: field(data, 'postalCode', 10).trim(), nisCode: field(data, 'nisCode', 10), remove: false }];
	rows = rows.filter((r) => r.id || r.existing || r.street.trim() || r.postalCode || r.nisCode);
	const errors: Record<string, string> = {};
	const locations: LocationInput[] = [];
	rows.forEach((r, i) => {
		if (r.remove) return;
		const key = (f: string) => `loc-${i}-${f}`;
		const id = r.id ? (uuid.test(r.id) ? r.id : null) : null;
		if (r.id && !id) errors[key('id')] = 'pro.errors.invalid';
		if (!r.id && r.existing) {
			if (uuid.test(r.existing)) locations.push({ id: null, existing: r.existing, street: '', postalCode: '', nisCode: '' });
			else errors[key('existing')] = 'pro.errors.invalid';
			return;
		}
		const street = r.street.trim();
		if (street.length < 2) errors[key('street')] = 'pro.errors.required';
		else if (street.length > 160) errors[key('street')] = 'pro.errors.tooLong';
		if (!/^\d{4}$/.test(r.postalCode)) errors[key('postalCode')] = 'pro.errors.postalCode';
		if (!knownNis().has(r.nisCode)) errors[key('nisCode')] = 'pro.errors.municipality';
		locations.push({ id, existing: null, street, postalCode: r.postalCode, nisCode: r.nisCode });
	});
	if (locations.length === 0 && !Object.keys(errors).length) errors.locations = 'pro.errors.locationRequired';
	return { rows, locations, errors };
}

/** The municipalities ticked for the eligibility zone (none = everyone). */
export function readEligibleNis(data: FormData) {
	const raw = [...new Set(data.getAll('eligibleNis').map(String))].slice(0, 100);
	const known = knownNis();
	return { raw, eligibleNis: raw.filter((n) => known.has(n)).sort(), errors: raw.some((n) => !known.has(n)) ? { eligibleNis: 'pro.errors.invalid' } : {} };
}
