import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { membership, organisation } from '../identity/identity.table';
import type { DemoSeeder } from '../instance/instance';
import { classStatuses } from './courses.attendance.repository';
import { demoCourse } from './courses.demo';
import { attendance, courseSession, enrolment } from './courses.table';

const herstal = 'Espace Rencontres Herstal (fictif)';

type Trainee = { firstName: string; lastName: string; locale: string; nisCode: string; needsChildcare?: boolean };

/** Fictitious trainees (no real persons): the A1 morning class and the B1 Saturday class of Herstal. */
const a1: Trainee[] = [
	{ firstName: 'Awet', lastName: 'Tesfamariam', locale: 'ti', nisCode: '62051' },
	{ firstName: 'Nadia', lastName: 'El Fassi', locale: 'ar', nisCode: '62051' },
	{ firstName: 'Oksana', lastName: 'Kovalenko', locale: 'uk', nisCode: '62051' },
	{ firstName: 'Zahra', lastName: 'Mohammadi', locale: 'fa', nisCode: '62051', needsChildcare: true },
	{ firstName: 'Ahmad Shah', lastName: 'Noori', locale: 'ps', nisCode: '62051' },
	{ firstName: 'Fatoumata', lastName: 'Bah', locale: 'fr', nisCode: '62051' },
	{ firstName: 'Mehmet', lastName: 'Aydın', locale: 'tr', nisCode: '62051' },
	{ firstName: 'Lucía', lastName: 'Ramírez Ortega', locale: 'es', nisCode: '62051' },
	{ firstName: 'Dmytro', lastName: 'Savchuk', locale: 'uk', nisCode: '62051' },
	{ firstName: 'Hiba', lastName: 'Al-Khatib', locale: 'ar', nisCode: '62051', needsChildcare: true },
	{ firstName: 'Tsion', lastName: 'Berhane', locale: 'ti', nisCode: '62051' },
	{ firstName: 'Irina', lastName: 'Morozova', locale: 'ru', nisCode: '62051' }
];
const b1: Trainee[] = [
	{ firstName: 'Kwame', lastName: 'Owusu', locale: 'en', nisCode: '62051' },
	{ firstName: 'Samira', lastName: 'Haddouchi', locale: 'ar', nisCode: '62051', needsChildcare: true },
	{ firstName: 'Olha', lastName: 'Tkachenko', locale: 'uk', nisCode: '62051' },
	{ firstName: 'Reza', lastName: 'Jafari', locale: 'fa', nisCode: '62051' },
	{ firstName: 'Ayşe', lastName: 'Korkmaz', locale: 'tr', nisCode: '62051' },
	{ firstName: 'Jean-Baptiste', lastName: 'Ilunga', locale: 'fr', nisCode: '62051' },
	{ firstName: 'Mariana', lastName: 'Costa Pereira', locale: 'es', nisCode: '62051' },
	{ firstName: 'Yohannes', lastName: 'Gebreyesus', locale: 'ti', nisCode: '62051', needsChildcare: true }
];

/** Registers older than this (days after the session) are locked in the demo. */
const LOCK_AFTER_DAYS = 7;
const day = 86_400_000;

async function enrol(db: Database, title: string, trainees: Trainee[]) {
	const c = await demoCourse(db, title);
	if (!c) return;
	const [first] = await db.select({ startsAt: courseSession.startsAt }).from(courseSession).where(eq(courseSession.courseId, c.id)).orderBy(asc(courseSession.startsAt)).limit(1);
	const start = first?.startsAt ?? new Date();
	await db.insert(enrolment).values(
		trainees.map((t, i) => {
			const requestedAt = new Date(start.getTime() - (30 - i) * day);
			return { courseId: c.id, organisationId: c.organisationId, source: 'direct', firstName: t.firstName, lastName: t.lastName, locale: t.locale, nisCode: t.nisCode, needsChildcare: t.needsChildcare ?? false, status: 'enrolled', requestedAt, enrolledAt: new Date(start.getTime() - 3 * day) };
		})
	);
}

/** A believable mix, the same on every run: mostly present, some partial hours, some absent or excused. */
function mark(sessionIndex: number, traineeIndex: number, minutes: number): { status: string; minutes: number } {
	const r = (sessionIndex * 7 + traineeIndex * 13 + ((sessionIndex * traineeIndex) % 5)) % 23;
	if (r === 0 || r === 11) return { status: 'absent', minutes: 0 };
	if (r === 5) return { status: 'excused', minutes: 0 };
	if (r === 3 || r === 17) return { status: 'present', minutes: Math.max(30, minutes - 60) };
	if (r === 8) return { status: 'present', minutes: Math.max(30, minutes - 30) };
	return { status: 'present', minutes };
}

/** Registers of every past session of every course with a class, saved (and locked when older) by a lead of the organisation. */
async function registers(db: Database, now: Date) {
	const courses = await db.selectDistinct({ id: enrolment.courseId, organisationId: enrolment.organisationId }).from(enrolment).where(inArray(enrolment.status, [...classStatuses]));
	for (const c of courses) {
		const [lead] = await db.select({ userId: membership.userId }).from(membership).where(and(eq(membership.organisationId, c.organisationId), inArray(membership.role, ['admin', 'coordinator'])));
		const by = lead?.userId ?? null;
		const sessions = await db
			.select()
			.from(courseSession)
			.where(and(eq(courseSession.courseId, c.id), eq(courseSession.status, 'scheduled'), lt(courseSession.startsAt, now)))
			.orderBy(asc(courseSession.startsAt));
		const people = await db.select().from(enrolment).where(and(eq(enrolment.courseId, c.id), inArray(enrolment.status, [...classStatuses]))).orderBy(asc(enrolment.requestedAt), asc(enrolment.id));
		for (const [si, s] of sessions.entries()) {
			const on = people.filter((p) => (p.enrolledAt ?? p.requestedAt) <= s.endsAt && (p.status === 'enrolled' || !p.endedAt || p.endedAt > s.startsAt));
			if (!on.length) continue;
			const savedAt = new Date(Math.min(now.getTime(), s.endsAt.getTime() + 30 * 60_000));
			await db.insert(attendance).values(on.map((p) => ({ sessionId: s.id, enrolmentId: p.id, ...mark(si, people.indexOf(p), s.minutes), recordedBy: by, recordedAt: savedAt })));
			const old = s.endsAt.getTime() < now.getTime() - LOCK_AFTER_DAYS * day;
			await db
				.update(courseSession)
				.set({ registerSavedAt: savedAt, registerSavedBy: by, ...(old ? { lockedAt: new Date(s.endsAt.getTime() + 2 * day), lockedBy: by } : {}) })
				.where(eq(courseSession.id, s.id));
		}
	}
}

export const coursesAttendanceDemoSeeder: DemoSeeder = {
	name: 'courses-attendance',
	async seed(db: Database) {
		const [org] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, herstal));
		if (org) {
			await enrol(db, 'FLE A1 — Herstal', a1);
			await enrol(db, 'FLE B1 — le samedi', b1);
		}
		await registers(db, new Date());
	}
};
