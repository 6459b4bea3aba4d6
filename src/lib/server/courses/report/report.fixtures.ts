import type { Database } from '../../db/client';
import { caseFile, consent } from '../../cases/cases.table';
import { referral } from '../../cases/cases.referrals.table';
import { searchMiss } from '../../directory/directory.table';
import { organisation } from '../../identity/identity.table';
import { course, courseSession, enrolment } from '../courses.table';

/**
 * A small hand-made sector whose report is known (tests only). Quarter 2026-Q3 (1 July – 30
 * September, Brussels): FLE A1 at Seraing (evening, childcare, Arabic interpreter) and at Huy
 * (Saturday), a draft and out-of-quarter courses that must not count, enrolments across every
 * transition of the waiting list, searches with no result, referrals declined.
 */
export const SERAING = '62096';
export const HUY = '61031';
export const ARR_LIEGE = '62000';
export const ARR_HUY = '61000';

const at = (iso: string) => new Date(iso);
const days = (from: string, n: number) => new Date(new Date(from).getTime() + n * 86_400_000);

export async function seedReportWorld(db: Database) {
	const orgA = (await db.insert(organisation).values({ name: 'ILI Seraing (test)', kind: 'ili', nisCode: SERAING }).returning())[0]!;
	const orgB = (await db.insert(organisation).values({ name: 'CISP Huy (test)', kind: 'cisp', nisCode: HUY }).returning())[0]!;
	const base = { description: '', totalHours: 40 };
	type Course = typeof course.$inferSelect;
	const [c1, c2, c3, c4, c5] = (await db
		.insert(course)
		.values([
			{ ...base, organisationId: orgA.id, axis: 'fle', level: 'a1', title: 'FLE A1 soir', nisCode: SERAING, capacity: 12, childcarePlaces: 3, interpreterLanguages: ['ar'], startsOn: '2026-06-01', endsOn: '2026-12-20', status: 'published', hasEvening: true },
			{ ...base, organisationId: orgB.id, axis: 'fle', level: 'a1', title: 'FLE A1 samedi', nisCode: HUY, capacity: 10, startsOn: '2026-07-15', endsOn: '2026-09-30', status: 'archived', hasWeekend: true },
			{ ...base, organisationId: orgA.id, axis: 'citizenship', title: 'Citoyenneté (brouillon)', nisCode: SERAING, capacity: 15, startsOn: '2026-07-01', endsOn: '2026-09-30', status: 'draft' },
			{ ...base, organisationId: orgA.id, axis: 'fle', level: 'b1', title: 'FLE B1 automne', nisCode: SERAING, capacity: 14, startsOn: '2026-10-05', endsOn: '2026-12-20', status: 'published' },
			{ ...base, organisationId: orgA.id, axis: 'isp', title: 'ISP printemps', nisCode: SERAING, capacity: 8, startsOn: '2026-01-10', endsOn: '2026-06-30', status: 'archived' }
		])
		.returning()) as [Course, Course, Course, Course, Course];
	const session = (courseId: string, startsAt: string, minutes: number, status = 'scheduled') => ({
		courseId,
		startsAt: at(startsAt),
		endsAt: new Date(at(startsAt).getTime() + minutes * 60_000),
		minutes,
		status
	});
	await db.insert(courseSession).values([
		session(c1.id, '2026-06-23T16:00:00Z', 120), // Q2: not in Q3's hours
		session(c1.id, '2026-07-07T16:00:00Z', 120),
		session(c1.id, '2026-07-14T16:00:00Z', 120),
		session(c1.id, '2026-07-21T16:00:00Z', 120),
		session(c1.id, '2026-07-28T16:00:00Z', 120, 'cancelled'),
		session(c2.id, '2026-08-01T07:30:00Z', 180),
		session(c2.id, '2026-08-08T07:30:00Z', 180),
		session(c3.id, '2026-08-08T07:30:00Z', 180), // draft course
		session(c4.id, '2026-10-06T07:30:00Z', 180) // Q4
	]);
	const e = (courseId: string, organisationId: string, v: Partial<typeof enrolment.$inferInsert>) => ({ courseId, organisationId, source: 'public', firstName: 'Test', ...v });
	const enrolled = (requested: string, wait: number) => ({ status: 'enrolled', requestedAt: at(requested), offeredAt: days(requested, wait), enrolledAt: days(requested, wait) });
	await db.insert(enrolment).values([
		// Waiting at the end of Q2, enrolled in Q3 after 30 days.
		e(c1.id, orgA.id, enrolled('2026-06-10T08:00:00Z', 30)),
		e(c1.id, orgA.id, enrolled('2026-07-01T08:00:00Z', 20)),
		e(c1.id, orgA.id, { status: 'enrolled', requestedAt: at('2026-08-01T08:00:00Z'), offeredAt: days('2026-08-01T08:00:00Z', 45), enrolledAt: days('2026-08-01T08:00:00Z', 50) }),
		e(c1.id, orgA.id, enrolled('2026-07-05T08:00:00Z', 10)),
		e(c1.id, orgA.id, enrolled('2026-07-06T08:00:00Z', 40)),
		// Still waiting; needs childcare and an Arabic interpreter.
		e(c1.id, orgA.id, { status: 'waiting', requestedAt: at('2026-08-05T08:00:00Z'), needsChildcare: true, interpreterLanguage: 'ar' }),
		// Offered only after the quarter's end: waiting at the end of Q3.
		e(c1.id, orgA.id, { status: 'offered', requestedAt: at('2026-09-01T08:00:00Z'), offeredAt: at('2026-10-02T08:00:00Z'), needsChildcare: true }),
		// Withdrawn before any seat, within Q3: not waiting at its end.
		e(c1.id, orgA.id, { status: 'cancelled', requestedAt: at('2026-09-02T08:00:00Z'), endedAt: at('2026-09-10T08:00:00Z') }),
		// 30 September 23:30 in Brussels: Q3. 1 October 00:30 in Brussels: Q4.
		e(c1.id, orgA.id, { status: 'waiting', requestedAt: at('2026-09-30T21:30:00Z') }),
		e(c1.id, orgA.id, { status: 'waiting', requestedAt: at('2026-09-30T22:30:00Z') }),
		// At Huy: one enrolment after 4 days.
		e(c2.id, orgB.id, enrolled('2026-08-01T08:00:00Z', 4)),
		// On a draft course: never counted.
		e(c3.id, orgA.id, { status: 'waiting', requestedAt: at('2026-08-01T08:00:00Z') })
	]);
	await db.insert(searchMiss).values([
		{ day: '2026-08-10', filters: { need: 'alpha' }, locale: 'ar', nisCode: SERAING },
		{ day: '2026-08-11', filters: { need: 'french' }, locale: 'fr', nisCode: null },
		{ day: '2026-08-12', filters: { need: 'housing' }, locale: 'fr', nisCode: SERAING },
		{ day: '2026-10-03', filters: { need: 'fle' }, locale: 'fr', nisCode: SERAING }
	]);
	const file = (await db.insert(caseFile).values({ ownerOrganisationId: orgB.id, firstName: 'Test' }).returning())[0]!;
	const agreed = (await db.insert(consent).values({ caseFileId: file.id, purpose: 'referral', language: 'fr', givenOn: '2026-07-01' }).returning())[0]!;
	const declined = (reason: string, purpose: string, respondedAt: string) => ({
		caseFileId: file.id,
		fromOrganisationId: orgB.id,
		toOrganisationId: orgA.id,
		purpose,
		consentId: agreed.id,
		status: 'declined',
		sentAt: at('2026-08-20T08:00:00Z'),
		respondedAt: at(respondedAt),
		declineReason: reason
	});
	await db.insert(referral).values([declined('no_places', 'french', '2026-09-01T08:00:00Z'), declined('other', 'french', '2026-09-01T08:00:00Z'), declined('no_places', 'housing', '2026-09-01T08:00:00Z')]);
	return { orgA, orgB, courses: { c1, c2, c3, c4, c5 } };
}
