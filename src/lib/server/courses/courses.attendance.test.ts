import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { checkRegister, parseHours } from './courses.attendance.schemas';
import { createAttendance, traineeHours, type Who } from './courses.attendance.usecases';
import { attendance, course, courseSession, enrolment } from './courses.table';

let handle: DatabaseHandle;
let who: Who;
let courseId: string;
const day = 86_400_000;
const now = new Date('2026-11-20T12:00:00Z');
const at = (days: number, hour = 9) => new Date(Date.UTC(2026, 10, 20 + days, hour));
/** Sessions of 3 hours: 10 and 5 days ago, yesterday, next week; one cancelled 3 days ago. */
const s = { old: '', mid: '', yesterday: '', future: '', cancelled: '' };
/** Trainees: enrolled from the start; enrolled 4 days ago; withdrawn 2 days ago; a waiting request. */
const e = { amal: '', yonas: '', olena: '', waiting: '' };

beforeAll(async () => {
	handle = await freshDatabase();
	const repo = createIdentityRepository({ db: handle.db });
	const org = await repo.organisations.create({ name: 'ILI test', kind: 'ili', nisCode: '62096' });
	const user = await repo.users.create({ email: 'teacher@test.be', name: 'Teacher', locale: 'fr', platformRoles: [] });
	who = { userId: user.id, organisationId: org.id };
	const [c] = await handle.db
		.insert(course)
		.values({ organisationId: org.id, axis: 'fle', level: 'a1', focus: 'both', title: 'FLE A1', nisCode: '62096', totalHours: 60, capacity: 12, startsOn: '2026-11-01', endsOn: '2027-01-31', status: 'published' })
		.returning();
	courseId = c!.id;
	const session = (days: number, status = 'scheduled') => ({ courseId, startsAt: at(days), endsAt: at(days, 12), minutes: 180, status });
	const rows = await handle.db.insert(courseSession).values([session(-10), session(-5), session(-1), session(7), session(-3, 'cancelled')]).returning({ id: courseSession.id });
	[s.old, s.mid, s.yesterday, s.future, s.cancelled] = rows.map((r) => r.id) as [string, string, string, string, string];
	const person = (firstName: string, status: string, enrolledAt: Date | null, endedAt: Date | null = null) => ({ courseId, organisationId: org.id, source: 'direct', firstName, lastName: 'Test', status, requestedAt: new Date(now.getTime() - 30 * day), enrolledAt, endedAt });
	const people = await handle.db
		.insert(enrolment)
		.values([person('Amal', 'enrolled', at(-20)), person('Yonas', 'enrolled', at(-4)), person('Olena', 'withdrawn', at(-20), at(-2)), person('Waiting', 'waiting', null)])
		.returning({ id: enrolment.id });
	[e.amal, e.yonas, e.olena, e.waiting] = people.map((p) => p.id) as [string, string, string, string];
}, 60_000);
afterAll(async () => handle?.close());

const attendanceOf = () => createAttendance({ db: handle.db });
const sessionRow = async (id: string) => (await handle.db.select().from(courseSession).where(eq(courseSession.id, id)))[0]!;
const rowsOf = async (id: string) => handle.db.select().from(attendance).where(eq(attendance.sessionId, id));

describe('hours as typed', () => {
	it('reads decimal hours with a comma or a point, hours and minutes, and minutes', () => {
		expect(['2,5', '2.5', '2:30', '2h30', ' 2 h 30 ', '3', '3h', '45min', '0,75'].map(parseHours)).toEqual([150, 150, 150, 150, 150, 180, 180, 45, 45]);
		expect(parseHours('')).toBeNull();
		for (const bad of ['abc', '-1', '2:75', '2,5,5', '1e3']) expect(parseHours(bad)).toBeNaN();
	});

	it('gives the whole session to a present trainee left empty, 0 to absent and excused ones', () => {
		const r = checkRegister(
			[
				{ enrolmentId: 'a', status: 'present', hours: '' },
				{ enrolmentId: 'b', status: 'absent', hours: '3' },
				{ enrolmentId: 'c', status: 'excused', hours: '' },
				{ enrolmentId: 'd', status: 'present', hours: '1:15' }
			],
			['a', 'b', 'c', 'd'],
			180
		);
		expect(r).toEqual({ ok: true, entries: [{ enrolmentId: 'a', status: 'present', minutes: 180 }, { enrolmentId: 'b', status: 'absent', minutes: 0 }, { enrolmentId: 'c', status: 'excused', minutes: 0 }, { enrolmentId: 'd', status: 'present', minutes: 75 }] });
	});

	it('refuses more time than the session lasts, zero or unreadable time, and a row without a status — each on its row', () => {
		const r = checkRegister(
			[
				{ enrolmentId: 'a', status: 'present', hours: '3,5' },
				{ enrolmentId: 'b', status: 'present', hours: '0' },
				{ enrolmentId: 'c', status: 'present', hours: 'deux' },
				{ enrolmentId: 'd', status: '', hours: '' },
				{ enrolmentId: 'e', status: 'present', hours: '3' }
			],
			['a', 'b', 'c', 'd', 'e'],
			180
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors).toEqual({
			a: { key: 'courses.register.errors.hoursTooMany', params: { max: '3:00' } },
			b: { key: 'courses.register.errors.hoursZero' },
			c: { key: 'courses.register.errors.hoursInvalid' },
			d: { key: 'courses.register.errors.chooseStatus' }
		});
	});
});

describe('who is on a register', () => {
	it('lists the trainees in the class at the session: not those enrolled after it, withdrawn ones before they left, never requests', async () => {
		const names = async (id: string) => (await attendanceOf().view(await sessionRow(id), who, now)).rows.map((r) => r.firstName).sort();
		expect(await names(s.old)).toEqual(['Amal', 'Olena']);
		expect(await names(s.mid)).toEqual(['Amal', 'Olena']);
		expect(await names(s.yesterday)).toEqual(['Amal', 'Yonas']);
	});

	it('records the view of the register in the audit, counts only', async () => {
		const [row] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, s.old), eq(auditEvent.action, 'course_session.register_viewed')));
		expect(row).toMatchObject({ subjectType: 'course_session', organisationId: who.organisationId, details: { courseId, trainees: 2 } });
	});
});

describe('saving a register', () => {
	const full = [
		{ enrolmentId: '', status: 'present', hours: '' },
		{ enrolmentId: '', status: 'present', hours: '2,5' }
	];
	const yesterday = () => [
		{ ...full[0]!, enrolmentId: e.amal },
		{ ...full[1]!, enrolmentId: e.yonas }
	];

	it('stores every row once, however many times it is saved, and stamps the session', async () => {
		const a = attendanceOf();
		expect(await a.save(s.yesterday, yesterday(), who, now)).toEqual({ ok: true, counts: { present: 2, absent: 0, excused: 0, minutes: 330 } });
		expect(await a.save(s.yesterday, yesterday(), who, now)).toMatchObject({ ok: true });
		const rows = await rowsOf(s.yesterday);
		expect(rows.map((r) => [r.enrolmentId === e.amal ? 'Amal' : 'Yonas', r.status, r.minutes]).sort()).toEqual([
			['Amal', 'present', 180],
			['Yonas', 'present', 150]
		]);
		expect(await sessionRow(s.yesterday)).toMatchObject({ registerSavedAt: now, registerSavedBy: who.userId });
		// A correction replaces the row.
		await a.save(s.yesterday, [{ enrolmentId: e.amal, status: 'excused', hours: '' }, { enrolmentId: e.yonas, status: 'present', hours: '2,5' }], who, now);
		expect((await rowsOf(s.yesterday)).find((r) => r.enrolmentId === e.amal)).toMatchObject({ status: 'excused', minutes: 0 });
		const saved = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectId, s.yesterday), eq(auditEvent.action, 'course_session.register_saved')));
		expect(saved).toHaveLength(3);
		expect(saved[2]!.details).toEqual({ courseId, trainees: 2, present: 1, absent: 0, excused: 1, minutes: 150 });
	});

	it('refuses a session not yet held, a cancelled one, and stores nothing', async () => {
		const a = attendanceOf();
		expect(await a.save(s.future, [{ enrolmentId: e.amal, status: 'present', hours: '' }], who, now)).toEqual({ ok: false, reason: 'notYetHeld' });
		expect(await a.save(s.cancelled, [{ enrolmentId: e.amal, status: 'present', hours: '' }], who, now)).toEqual({ ok: false, reason: 'cancelled' });
		expect(await rowsOf(s.future)).toEqual([]);
		expect(await rowsOf(s.cancelled)).toEqual([]);
	});

	it('refuses too many hours and a trainee not on this register, storing nothing', async () => {
		const a = attendanceOf();
		const tooMany = await a.save(s.old, [{ enrolmentId: e.amal, status: 'present', hours: '4' }, { enrolmentId: e.olena, status: 'absent', hours: '' }], who, now);
		expect(tooMany).toMatchObject({ ok: false, reason: 'invalid', errors: { [e.amal]: { key: 'courses.register.errors.hoursTooMany' } }, notOnRegister: false });
		// Yonas was enrolled after this session; the waiting request is never on a register.
		for (const stranger of [e.yonas, e.waiting]) {
			const r = await a.save(s.old, [{ enrolmentId: e.amal, status: 'present', hours: '' }, { enrolmentId: e.olena, status: 'absent', hours: '' }, { enrolmentId: stranger, status: 'present', hours: '' }], who, now);
			expect(r).toMatchObject({ ok: false, reason: 'invalid', notOnRegister: true });
		}
		expect(await rowsOf(s.old)).toEqual([]);
		expect((await sessionRow(s.old)).registerSavedAt).toBeNull();
	});

	it('refuses a locked register until it is unlocked', async () => {
		const a = attendanceOf();
		const rows = [{ enrolmentId: e.amal, status: 'present', hours: '' }, { enrolmentId: e.olena, status: 'present', hours: '1' }];
		expect(await a.save(s.mid, rows, who, now)).toMatchObject({ ok: true });
		expect(await a.lock(s.mid, who, now)).toEqual({ ok: true });
		expect(await a.save(s.mid, [{ enrolmentId: e.amal, status: 'absent', hours: '' }, { enrolmentId: e.olena, status: 'absent', hours: '' }], who, now)).toEqual({ ok: false, reason: 'locked' });
		expect((await rowsOf(s.mid)).find((r) => r.enrolmentId === e.amal)).toMatchObject({ status: 'present', minutes: 180 });
		expect(await a.lock(s.future, who, now)).toEqual({ ok: false, reason: 'notYetHeld' });
		expect(await a.unlock(s.mid, who, now)).toEqual({ ok: true });
		expect(await a.save(s.mid, rows, who, now)).toMatchObject({ ok: true });
		await a.lock(s.mid, who, now);
	});

	it('locks a saved register by itself once it is older than the configured days', async () => {
		const a = createAttendance({ db: handle.db, autoLockDays: 7 });
		await attendanceOf().unlock(s.mid, who, now);
		// 5 days old: still open. 8 days later: locked on opening.
		expect((await a.view(await sessionRow(s.mid), who, now)).session.lockedAt).toBeNull();
		const later = new Date(now.getTime() + 8 * day);
		expect((await a.view(await sessionRow(s.mid), who, later)).session.lockedAt).toEqual(later);
		expect(await a.save(s.mid, [], who, later)).toEqual({ ok: false, reason: 'locked' });
	});
});

describe('trainee hours', () => {
	it('counts per trainee the sessions held while in the class, presences, minutes attended and planned', async () => {
		const hours = await traineeHours(handle.db, { courseId, now });
		const of = (id: string) => hours.find((h) => h.enrolmentId === id);
		// Amal: old (not recorded), mid (present 3 h), yesterday (excused). Olena: old, mid (present 1 h). Yonas: yesterday (2,5 h).
		expect(of(e.amal)).toEqual({ enrolmentId: e.amal, sessionsHeld: 3, presentCount: 1, minutesAttended: 180, minutesPlanned: 540 });
		expect(of(e.olena)).toEqual({ enrolmentId: e.olena, sessionsHeld: 2, presentCount: 1, minutesAttended: 60, minutesPlanned: 360 });
		expect(of(e.yonas)).toEqual({ enrolmentId: e.yonas, sessionsHeld: 1, presentCount: 1, minutesAttended: 150, minutesPlanned: 180 });
		expect(of(e.waiting)).toBeUndefined();
		// Funding counts locked registers only: the session of 5 days ago.
		const locked = await traineeHours(handle.db, { courseId, now, lockedOnly: true });
		expect(locked.find((h) => h.enrolmentId === e.yonas)).toMatchObject({ minutesAttended: 0, minutesPlanned: 180 });
		expect(locked.find((h) => h.enrolmentId === e.amal)).toMatchObject({ minutesAttended: 180 });
	});
});
