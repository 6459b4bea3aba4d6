import { and, eq, inArray, sql } from 'drizzle-orm';
import { addDays, brusselsToday } from '../agenda/brussels-time';
import type { Database } from '../db/client';
import { searchMiss } from '../directory/directory.table';
import { organisation } from '../identity/identity.table';
import type { DemoSeeder } from '../instance/instance';
import { demoCourse } from './courses.demo';
import { sessionAt, weeklyDates } from './courses.sessions';
import { course, courseSession, enrolment } from './courses.table';

/**
 * Demand for the quarterly report's demo (after coursesDemoSeeder): a spring FLE A2 course at
 * Seraing, archived, with its enrolments (the previous quarters have figures to compare with),
 * waiting lists on the running Alpha and evening A1 courses (some needing childcare or an
 * interpreter), and public searches with no result. Only first names "Demande n" — no person.
 */
const day = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);

export const coursesReportDemoSeeder: DemoSeeder = {
	name: 'courses-report',
	async seed(db: Database) {
		const [seraing] = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.name, 'Maison des Langues de Seraing (fictive)'));
		const alpha = await demoCourse(db, 'Alpha FLE — alphabétisation en français');
		const evening = await demoCourse(db, 'FLE A1 oral — cours du soir');
		if (!seraing || !alpha || !evening) return;
		const today = brusselsToday(new Date());
		// A course that ran from about seven to four months ago.
		const startsOn = addDays(today, -210);
		const endsOn = addDays(today, -120);
		const sessions = weeklyDates(startsOn, endsOn, [2, 4]).map((date) => sessionAt(date, '09:00', '12:00'));
		const [spring] = await db
			.insert(course)
			.values({
				organisationId: seraing.id,
				axis: 'fle',
				level: 'a2',
				focus: 'both',
				title: 'FLE A2 — session de printemps',
				description: 'Consolider le français de tous les jours, à l’oral et à l’écrit.',
				nisCode: '62096',
				address: 'Rue de la Fictive 12',
				totalHours: Math.round(sessions.reduce((s, x) => s + x.minutes, 0) / 60),
				capacity: 12,
				childcarePlaces: 3,
				languages: ['fr'],
				registrationMode: 'test',
				funder: 'wallonie-ili',
				status: 'archived',
				startsOn,
				endsOn
			})
			.returning({ id: course.id });
		if (sessions.length) await db.insert(courseSession).values(sessions.map((s) => ({ ...s, courseId: spring!.id })));
		const rows: (typeof enrolment.$inferInsert)[] = [];
		const request = (courseId: string, n: number, requested: string, v: Partial<typeof enrolment.$inferInsert>) =>
			rows.push({ courseId, organisationId: seraing.id, source: 'public', firstName: `Demande ${n}`, locale: n % 3 === 0 ? 'ar' : 'fr', nisCode: '62096', requestedAt: day(requested), ...v });
		// Spring: 11 enrolled after 2 to 6 weeks, completed; 2 withdrew.
		for (let n = 1; n <= 11; n++) {
			const requested = addDays(startsOn, -14 - 3 * n);
			const enrolled = day(addDays(requested, 14 + 2 * n));
			request(spring!.id, n, requested, { status: 'completed', offeredAt: enrolled, enrolledAt: enrolled, endedAt: day(endsOn), endedReason: 'completed', needsChildcare: n % 4 === 0 });
		}
		for (let n = 12; n <= 13; n++) request(spring!.id, n, addDays(startsOn, -30), { status: 'withdrawn', offeredAt: day(startsOn), enrolledAt: day(startsOn), endedAt: day(addDays(startsOn, 20)) });
		// Alpha: up to 8 more enrolled at the start, within its seats (two are kept free for the
		// demo's waiting people to be offered), 7 still waiting (3 need childcare, 2 an Arabic interpreter).
		const [{ taken } = { taken: 0 }] = await db
			.select({ taken: sql<number>`count(*)::int` })
			.from(enrolment)
			.where(and(eq(enrolment.courseId, alpha.id), inArray(enrolment.status, ['offered', 'enrolled'])));
		const room = Math.max(0, Math.min(8, alpha.capacity - taken - 2));
		for (let n = 14; n < 14 + room; n++) request(alpha.id, n, addDays(alpha.startsOn, -20 - n), { status: 'enrolled', offeredAt: day(alpha.startsOn, 8), enrolledAt: day(alpha.startsOn, 9) });
		for (let n = 22; n <= 28; n++) request(alpha.id, n, addDays(today, -(n - 20) * 6), { status: 'waiting', needsChildcare: n % 2 === 0, interpreterLanguage: n % 3 === 0 ? 'ar' : null });
		// The evening A1: 6 waiting, one needing a Tigrinya interpreter.
		for (let n = 29; n <= 34; n++) request(evening.id, n, addDays(today, -(n - 27) * 5), { status: 'waiting', interpreterLanguage: n === 30 ? 'ti' : null, needsChildcare: n % 3 === 0 });
		await db.insert(enrolment).values(rows);
		// Searches with no result over the last months: literacy at Seraing, French in Huy, digital.
		const needs = ['alpha', 'alpha', 'french', 'fle', 'digital', 'citizenship', 'alpha', 'french'];
		await db.insert(searchMiss).values(
			Array.from({ length: 48 }, (_, i) => ({
				day: addDays(today, -3 * i - 1),
				filters: { need: needs[i % needs.length], evening: i % 5 === 0 ? true : undefined },
				locale: i % 4 === 0 ? 'ar' : 'fr',
				nisCode: i % 3 === 0 ? '61031' : '62096'
			}))
		);
	}
};
