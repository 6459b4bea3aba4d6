import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import { caseFile } from '../cases/cases.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { createMailer } from '../notify/mailer';
import { outbox } from '../notify/notify.table';
import { coursesDemoSeeder, demoCourse } from './courses.demo';
import { equivalentCourses, freeSeats, listCourseEnrolments } from './courses.demand.repository';
import { eraseFileEnrolments, exportFileEnrolments } from './courses.demand.rights';
import { createDemand, type Demand } from './courses.demand.usecases';
import { course, enrolment } from './courses.table';
import type { CourseRow } from './load-course';

let handle: DatabaseHandle;
let demand: Demand;
let evening: CourseRow; // Seraing, FLE A1
let herstal: CourseRow; // Herstal, FLE A1 (another organisation)
const worker = { actorUserId: null, organisationId: null };
const t0 = new Date('2026-11-02T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async () => 'not-a-real-hash').seed(handle.db);
	await coursesDemoSeeder.seed(handle.db);
	// A class of 2 seats, so that it fills quickly; the demo's course ends long after t0.
	await handle.db.update(course).set({ capacity: 2, endsOn: '2027-06-30' }).where(eq(course.title, 'FLE A1 oral — cours du soir'));
	await handle.db.update(course).set({ endsOn: '2027-06-30' }).where(eq(course.title, 'FLE A1 — Herstal'));
	evening = (await demoCourse(handle.db, 'FLE A1 oral — cours du soir'))!;
	herstal = (await demoCourse(handle.db, 'FLE A1 — Herstal'))!;
	demand = createDemand({ db: handle.db, mailer: createMailer({ db: handle.db, from: 'test@passerelle.test' }), origin: 'http://test', offerDays: 7 });
});
afterAll(async () => handle?.close());

const ask = (firstName: string, minutes: number, more: Partial<Parameters<Demand['request']>[1]> = {}) =>
	demand.request(evening.id, { source: 'public', firstName, phone: `0470 00 00 ${String(minutes).padStart(2, '0')}`, locale: 'fr', ...more }, worker, at(minutes));

const statusOf = async (id: string) => (await handle.db.select({ s: enrolment.status }).from(enrolment).where(eq(enrolment.id, id)))[0]!.s;

describe('the waiting list', () => {
	it('ranks waiting people by the date of their request, 1, 2, 3…', async () => {
		// Asked out of order: Samira last, though created first in this test.
		const samira = await ask('Samira', 30, { email: 'samira@exemple.test', locale: 'ar' });
		const olena = await ask('Olena', 10, { needsChildcare: true });
		const yonas = await ask('Yonas', 20, { interpreterLanguage: 'ti', elsewhere: true });
		expect([samira.ok, olena.ok, yonas.ok]).toEqual([true, true, true]);
		const list = await listCourseEnrolments(handle.db, evening.id);
		expect(list.filter((e) => e.status === 'waiting').map((e) => [e.position, e.displayFirstName])).toEqual([
			[1, 'Olena'],
			[2, 'Yonas'],
			[3, 'Samira']
		]);
	});

	it('refuses the same person twice in the same course (same phone written differently, or same e-mail)', async () => {
		expect(await ask('Olena bis', 10)).toEqual({ ok: false, error: 'courses.demand.errors.duplicate' });
		expect(await demand.request(evening.id, { source: 'public', firstName: 'S.', email: 'SAMIRA@exemple.test' }, worker, at(40))).toEqual({ ok: false, error: 'courses.demand.errors.duplicate' });
		expect(await demand.request(evening.id, { source: 'public', firstName: 'O.', phone: '+32 470 00 00 10' }, worker, at(41))).toEqual({ ok: false, error: 'courses.demand.errors.duplicate' });
	});

	it('refuses a second active request of the same case file', async () => {
		const [org] = await handle.db.select({ id: course.organisationId }).from(course).where(eq(course.id, evening.id));
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: org!.id, firstName: 'Fatou', email: 'fatou@exemple.test' }).returning();
		const first = await demand.request(evening.id, { source: 'case_file', caseFileId: file!.id }, worker, at(50));
		expect(first.ok).toBe(true);
		expect(await demand.request(evening.id, { source: 'case_file', caseFileId: file!.id }, worker, at(51))).toEqual({ ok: false, error: 'courses.demand.errors.duplicate' });
		// Recorded on the file's timeline too.
		const onFile = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectType, 'case_file'), eq(auditEvent.subjectId, file!.id)));
		expect(onFile.map((a) => [a.action, a.section])).toEqual([['enrolment.requested', 'parcours']]);
	});
});

describe('seats', () => {
	it('offers the next waiting person a seat for 7 days and e-mails them in their language when they gave an address', async () => {
		const olena = await demand.offer(evening.id, null, worker, at(60));
		expect(olena.ok && [olena.enrolment.firstName, olena.enrolment.status, olena.enrolment.offerExpiresAt?.toISOString()]).toEqual(['Olena', 'offered', at(60 + 7 * 24 * 60).toISOString()]);
		const list = await listCourseEnrolments(handle.db, evening.id);
		const samira = list.find((e) => e.displayFirstName === 'Samira')!;
		const offered = await demand.offer(evening.id, samira.id, worker, at(61));
		expect(offered.ok).toBe(true);
		const [mail] = await handle.db.select().from(outbox).where(eq(outbox.recipient, 'samira@exemple.test'));
		expect(mail?.locale).toBe('ar');
		expect(mail?.bodyText).toContain('FLE A1 oral — cours du soir');
		expect(await freeSeats(handle.db, evening)).toBe(0);
	});

	it('refuses to offer a seat when none is free, and to enrol a waiting person then', async () => {
		expect(await demand.offer(evening.id, null, worker, at(62))).toEqual({ ok: false, error: 'courses.demand.errors.noSeat' });
		const yonas = (await listCourseEnrolments(handle.db, evening.id)).find((e) => e.displayFirstName === 'Yonas')!;
		expect(await demand.enrol(evening.id, yonas.id, worker, at(62))).toEqual({ ok: false, error: 'courses.demand.errors.noSeat' });
	});

	it('enrols an offered person; when a seat frees, the next waiting person is offered it at once', async () => {
		const list = await listCourseEnrolments(handle.db, evening.id);
		const olena = list.find((e) => e.displayFirstName === 'Olena')!;
		const samira = list.find((e) => e.displayFirstName === 'Samira')!;
		expect((await demand.enrol(evening.id, olena.id, worker, at(70))).ok).toBe(true);
		expect(await statusOf(olena.id)).toBe('enrolled');
		// Samira declines: Yonas (next by date) is proposed.
		expect((await demand.decline(evening.id, samira.id, worker, at(80))).ok).toBe(true);
		const after = await listCourseEnrolments(handle.db, evening.id);
		expect(after.find((e) => e.displayFirstName === 'Yonas')!.status).toBe('offered');
		expect(after.filter((e) => e.status === 'waiting').map((e) => [e.position, e.displayFirstName])).toEqual([[1, 'Fatou']]);
	});

	it('expires offers past their day in the hourly job and proposes the seat to the next person', async () => {
		const yonas = (await listCourseEnrolments(handle.db, evening.id)).find((e) => e.displayFirstName === 'Yonas')!;
		expect(await demand.expireOffers(at(80 + 6 * 24 * 60))).toBe(0);
		expect(await demand.expireOffers(at(80 + 7 * 24 * 60 + 1))).toBe(1);
		const [row] = await handle.db.select().from(enrolment).where(eq(enrolment.id, yonas.id));
		expect([row!.status, row!.endedReason]).toEqual(['declined', 'expired']);
		const fatou = (await listCourseEnrolments(handle.db, evening.id)).find((e) => e.displayFirstName === 'Fatou')!;
		expect(fatou.status).toBe('offered');
		// The case file's address is used for the offer.
		expect((await handle.db.select().from(outbox).where(eq(outbox.recipient, 'fatou@exemple.test'))).length).toBe(1);
		// Running it again changes nothing.
		expect(await demand.expireOffers(at(80 + 7 * 24 * 60 + 2))).toBe(0);
	});
});

describe('a seat at another organisation', () => {
	it('lists equivalent courses of other organisations with a free seat (same axis and level)', async () => {
		const list = await equivalentCourses(handle.db, evening, '2026-11-02');
		expect(list.map((c) => c.title)).toEqual(['FLE A1 — Herstal']);
		expect(list[0]!.freeSeats).toBeGreaterThan(0);
	});

	it('refuses without the person’s consent', async () => {
		const noConsent = await ask('Aziz', 90);
		expect(noConsent.ok).toBe(true);
		if (!noConsent.ok) return;
		expect(await demand.transfer(evening.id, noConsent.enrolment.id, herstal.id, worker, at(91))).toEqual({ ok: false, error: 'courses.demand.errors.noConsent' });
		// With the consent recorded, it goes.
		expect((await demand.recordElsewhereConsent(evening.id, noConsent.enrolment.id, worker, at(92))).ok).toBe(true);
		const moved = await demand.transfer(evening.id, noConsent.enrolment.id, herstal.id, worker, at(93));
		expect(moved.ok).toBe(true);
	});

	it('moves a waiting request with consent: the original is transferred, the target gets an offered seat keeping the request date', async () => {
		const kofi = await ask('Kofi', 95, { elsewhere: true, needsChildcare: true, interpreterLanguage: 'en' });
		if (!kofi.ok) throw new Error('request refused');
		const moved = await demand.transfer(evening.id, kofi.enrolment.id, herstal.id, worker, at(200));
		if (!moved.ok) throw new Error(moved.error);
		expect(await statusOf(kofi.enrolment.id)).toBe('transferred');
		const e = moved.enrolment;
		expect([e.courseId, e.organisationId, e.status, e.source, e.transferredFromId, e.firstName, e.needsChildcare, e.interpreterLanguage]).toEqual([herstal.id, herstal.organisationId, 'offered', 'transfer', kofi.enrolment.id, 'Kofi', true, 'en']);
		expect(e.requestedAt.toISOString()).toBe(at(95).toISOString());
		// The target organisation sees it in its list and enrols the person.
		const targetList = await listCourseEnrolments(handle.db, herstal.id);
		expect(targetList.some((x) => x.id === e.id && x.status === 'offered')).toBe(true);
		expect((await demand.enrol(herstal.id, e.id, worker, at(210))).ok).toBe(true);
	});
});

describe('the person’s rights', () => {
	it('exports a file’s course requests and erases names and contacts, keeping statuses and dates', async () => {
		const [org] = await handle.db.select({ id: course.organisationId }).from(course).where(eq(course.id, evening.id));
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: org!.id, firstName: 'Mariam' }).returning();
		const r = await demand.request(herstal.id, { source: 'case_file', caseFileId: file!.id, firstName: 'Mariam', phone: '0470 12 34 56' }, worker, at(300));
		expect(r.ok).toBe(true);
		const exported = await exportFileEnrolments(handle.db, file!.id);
		expect(exported.map((x) => [x.course, x.status])).toEqual([['FLE A1 — Herstal', 'waiting']]);
		expect(await eraseFileEnrolments(handle.db, file!.id)).toBe(1);
		const [row] = await handle.db.select().from(enrolment).where(eq(enrolment.caseFileId, file!.id));
		expect([row!.firstName, row!.phone, row!.status, row!.requestedAt.toISOString()]).toEqual([null, null, 'waiting', at(300).toISOString()]);
	});
});
