import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { attestable, attestationPdf, loadAttestation } from './courses.attestation';
import { coursesAttendanceDemoSeeder } from './courses.attendance.demo';
import { traineeHours } from './courses.attendance.repository';
import { coursesDemoSeeder, demoCourse } from './courses.demo';
import { attendance, courseSession, enrolment } from './courses.table';

let handle: DatabaseHandle;
const work = mkdtempSync(join(tmpdir(), 'course-attestation-test-'));
const now = new Date();

function pdfText(pdf: Buffer, name: string): string {
	const file = join(work, name);
	writeFileSync(file, pdf);
	// Direction marks pdftotext adds around right-to-left text are dropped.
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async (p) => `plain:${p}`).seed(handle.db);
	await coursesDemoSeeder.seed(handle.db);
	await coursesAttendanceDemoSeeder.seed(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

describe('the demo registers', () => {
	it('puts 12 trainees in Herstal’s A1 class and 8 in its B1 class, and records every past session of both', async () => {
		for (const [title, size] of [
			['FLE A1 — Herstal', 12],
			['FLE B1 — le samedi', 8]
		] as const) {
			const c = (await demoCourse(handle.db, title))!;
			const people = await handle.db.select().from(enrolment).where(eq(enrolment.courseId, c.id));
			expect(people.filter((p) => p.status === 'enrolled')).toHaveLength(size);
			const past = await handle.db.select().from(courseSession).where(and(eq(courseSession.courseId, c.id), lt(courseSession.startsAt, now)));
			expect(past.length).toBeGreaterThan(2);
			expect(past.every((s) => s.registerSavedAt)).toBe(true);
			// Older registers are locked; future sessions have none.
			expect(past.filter((s) => s.lockedAt).length).toBeGreaterThan(0);
			const future = await handle.db.select().from(courseSession).where(and(eq(courseSession.courseId, c.id), gt(courseSession.startsAt, now), isNotNull(courseSession.registerSavedAt)));
			expect(future).toEqual([]);
		}
		const rows = await handle.db.select().from(attendance);
		const statuses = new Set(rows.map((r) => r.status));
		expect(statuses).toEqual(new Set(['present', 'absent', 'excused']));
		expect(rows.filter((r) => r.status === 'present').length / rows.length).toBeGreaterThan(0.75);
		// Some partial hours.
		const [s] = await handle.db.select().from(courseSession).where(isNull(courseSession.lockedAt)).limit(1);
		expect(s).toBeDefined();
		expect(rows.some((r) => r.status === 'present' && r.minutes > 0 && r.minutes < 180)).toBe(true);
	});
});

describe('the attendance attestation', () => {
	async function oneTrainee(firstName: string) {
		const c = (await demoCourse(handle.db, 'FLE A1 — Herstal'))!;
		const [person] = await handle.db.select().from(enrolment).where(and(eq(enrolment.courseId, c.id), eq(enrolment.firstName, firstName)));
		return { c, person: person! };
	}

	it('is only for people who had a place in the class', () => {
		expect(['enrolled', 'completed', 'withdrawn'].every(attestable)).toBe(true);
		expect(['waiting', 'offered', 'declined', 'transferred', 'cancelled'].some(attestable)).toBe(false);
	});

	it('prints the organisation, the person, the course, sessions and hours, the place and date and a signature line, in French', async () => {
		const { c, person } = await oneTrainee('Fatoumata');
		const loaded = (await loadAttestation(handle.db, c, person.id, now))!;
		const [hours] = await traineeHours(handle.db, { courseId: c.id, now, enrolmentIds: [person.id] });
		expect(loaded.hours).toEqual(hours);
		const pdf = await attestationPdf({ course: c, person: loaded.person, organisation: loaded.organisation, hours: loaded.hours, locale: 'fr', now });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const squash = (s: string) => s.replace(/[\s-]+/g, '');
		const text = squash(pdfText(pdf, 'fr.pdf'));
		const h = (m: number) => `${new Intl.NumberFormat('fr', { maximumFractionDigits: 1 }).format(Math.round(m / 6) / 10)} h`;
		for (const piece of [
			'Espace Rencontres Herstal (fictif)',
			'Attestation de fréquentation',
			'Fatoumata Bah',
			'FLE A1 — Herstal',
			'Français langue étrangère (FLE) · A1',
			'Heures suivies',
			h(hours!.minutesAttended),
			'Heures prévues à ce jour',
			h(hours!.minutesPlanned),
			`${hours!.presentCount} sur ${hours!.sessionsHeld}`,
			'Fait à Herstal',
			'Pour Espace Rencontres Herstal (fictif),',
			'Signature et cachet'
		])
			expect(text).toContain(squash(piece));
		expect(text).not.toContain(squash('Traduction pour information'));
	});

	it('prints in Arabic, right to left, marked as a translation, names kept as written', async () => {
		const { c, person } = await oneTrainee('Nadia');
		const loaded = (await loadAttestation(handle.db, c, person.id, now))!;
		expect(loaded.person.locale).toBe('ar');
		const text = pdfText(await attestationPdf({ course: c, person: loaded.person, organisation: loaded.organisation, hours: loaded.hours, locale: 'ar', now }), 'ar.pdf');
		for (const piece of ['شهادة الحضور', 'المدة الإجمالية للدورة', 'التوقيع والختم', 'Nadia El Fassi', 'Espace Rencontres Herstal', 'Rue Imaginaire 3, 4040 Herstal']) expect(text).toContain(piece);
	});

	it('is not given for another course’s enrolment', async () => {
		const { person } = await oneTrainee('Nadia');
		const b1 = (await demoCourse(handle.db, 'FLE B1 — le samedi'))!;
		expect(await loadAttestation(handle.db, b1, person.id, now)).toBeNull();
	});
});
