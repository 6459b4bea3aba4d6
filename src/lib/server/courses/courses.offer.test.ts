import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import { caseFile } from '../cases/cases.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { directoryIndex } from '../directory/directory.search';
import { service } from '../directory/directory.table';
import type { PublishedService } from '../directory/directory.types';
import { organisation, userAccount } from '../identity/identity.table';
import { courseErrors, courseFormSchema, weeklyPatternSchema } from './courses.offer.schemas';
import { createCourseOffer } from './courses.offer.usecases';
import { listCourses, listSessions } from './courses.offer.repository';
import { attendance, course, courseSession, enrolment } from './courses.table';

let handle: DatabaseHandle;
let orgId = '';
let ctx = { actorUserId: '', ipHash: 'test' };

beforeAll(async () => {
	handle = await freshDatabase();
	const [org] = await handle.db.insert(organisation).values({ name: 'Langues Test', kind: 'ili', nisCode: '62096', phone: '04 000 00 00' }).returning();
	const [user] = await handle.db.insert(userAccount).values({ email: 'w@example.org', name: 'Worker' }).returning();
	orgId = org!.id;
	ctx = { actorUserId: user!.id, ipHash: 'test' };
});
afterAll(async () => handle?.close());

const typed = (over: Record<string, unknown> = {}) => ({
	title: 'FLE A2 — soirée',
	description: 'Cours de français le soir, niveau A2.',
	axis: 'fle',
	level: 'a2',
	focus: 'oral',
	nisCode: '62096',
	address: 'Rue du Test 1',
	capacity: '12',
	childcarePlaces: '3',
	interpreterLanguages: [],
	price: '0',
	languages: ['fr', 'ar'],
	prerequisites: '',
	startsOn: '2027-01-04',
	endsOn: '2027-03-26',
	totalHours: '60',
	registrationMode: 'open',
	funder: 'wallonie-ili',
	...over
});
const form = (over: Record<string, unknown> = {}) => courseFormSchema.parse(typed(over));
const offer = () => createCourseOffer({ db: handle.db });
const load = async (id: string) => (await handle.db.select().from(course).where(eq(course.id, id)))[0]!;

describe('the course form', () => {
	it('refuses a capacity of 0 next to the field, and childcare beyond the capacity', () => {
		const r = courseFormSchema.safeParse(typed({ capacity: '0' }));
		expect(r.success).toBe(false);
		expect(courseErrors(r.error!)).toMatchObject({ capacity: 'courses.offer.errors.capacity' });
		const c = courseFormSchema.safeParse(typed({ capacity: '5', childcarePlaces: '6' }));
		expect(courseErrors(c.error!)).toEqual({ childcarePlaces: 'courses.offer.errors.childcare' });
	});

	it('wants a level and a focus for FLE only, an end after the start, a price in euros', () => {
		expect(courseErrors(courseFormSchema.safeParse(typed({ level: '', focus: '' })).error!)).toEqual({ level: 'courses.offer.errors.levelRequired', focus: 'courses.offer.errors.focusRequired' });
		expect(courseErrors(courseFormSchema.safeParse(typed({ axis: 'digital' })).error!)).toMatchObject({ level: 'courses.offer.errors.levelFleOnly' });
		expect(courseErrors(courseFormSchema.safeParse(typed({ endsOn: '2026-12-01' })).error!)).toEqual({ endsOn: 'pro.errors.endBeforeStart' });
		expect(courseErrors(courseFormSchema.safeParse(typed({ price: '-3' })).error!)).toEqual({ price: 'courses.offer.errors.price' });
		expect(form({ price: '12,50' }).price).toBe(1250);
		expect(courseErrors(courseFormSchema.safeParse(typed({ totalHours: '0', nisCode: '99999' })).error!)).toEqual({ totalHours: 'courses.offer.errors.hours', nisCode: 'pro.errors.municipality' });
	});
});

describe('a course from draft to the directory', () => {
	let id = '';

	it('creates a draft, and a second saver of an older version is told and nothing is written', async () => {
		id = await offer().create(orgId, form(), ctx);
		const first = await offer().update(id, 1, form({ title: 'FLE A2 — le soir' }), ctx);
		expect(first).toEqual({ ok: true, version: 2 });
		const second = await offer().update(id, 1, form({ title: 'Autre titre' }), ctx);
		expect(second).toMatchObject({ ok: false, conflict: { version: 2, stored: { title: 'FLE A2 — le soir' } } });
		expect((await load(id)).title).toBe('FLE A2 — le soir');
		const audits = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectType, 'course'), eq(auditEvent.subjectId, id)));
		expect(audits.map((a) => a.action)).toEqual(['course.created', 'course.updated']);
		expect(JSON.stringify(audits.map((a) => a.details))).not.toContain('FLE A2');
	});

	it('derives evening and weekend from the sessions planned, and again after one is cancelled', async () => {
		const pattern = weeklyPatternSchema.parse({ weekdays: ['2', '4'], start: '18:00', end: '20:30', from: '2027-01-04', to: '2027-01-31' });
		expect(await offer().planWeekly(id, pattern, ctx)).toEqual({ ok: true, created: 8 });
		// Planning the same pattern twice adds nothing.
		expect(await offer().planWeekly(id, pattern, ctx)).toEqual({ ok: true, created: 0 });
		expect(await load(id)).toMatchObject({ hasEvening: true, hasWeekend: false });
		const saturday = await offer().addSession(id, { date: '2027-01-09', start: '09:30', end: '12:30' }, ctx);
		expect(saturday.ok).toBe(true);
		expect(await load(id)).toMatchObject({ hasEvening: true, hasWeekend: true });
		if (!saturday.ok) return;
		expect(await offer().cancelSession(id, saturday.sessionId, ctx)).toEqual({ ok: true });
		expect((await load(id)).hasWeekend).toBe(false);
		const sessions = await listSessions(handle.db, id);
		expect(sessions).toHaveLength(9);
		expect(sessions.find((s) => s.id === saturday.sessionId)!.status).toBe('cancelled');
		// Outside the course's dates: refused next to the field.
		expect(await offer().addSession(id, { date: '2027-06-01', start: '09:00', end: '10:00' }, ctx)).toEqual({ ok: false, errors: { date: 'courses.offer.errors.outsideCourse' } });
	});

	it('never cancels a session whose register holds attendance', async () => {
		const [s] = await listSessions(handle.db, id);
		const [e] = await handle.db.insert(enrolment).values({ courseId: id, organisationId: orgId, source: 'direct', firstName: 'X', status: 'enrolled' }).returning();
		await handle.db.insert(attendance).values({ sessionId: s!.id, enrolmentId: e!.id, status: 'present', minutes: 150 });
		expect(await offer().cancelSession(id, s!.id, ctx)).toEqual({ ok: false, state: 'courses.offer.errors.sessionHasAttendance' });
		expect((await handle.db.select().from(courseSession).where(eq(courseSession.id, s!.id)))[0]!.status).toBe('scheduled');
	});

	it('publishes: the course is a service of its organisation, found by the public search; an update reaches it', async () => {
		expect(await offer().publish(id, ctx)).toEqual({ ok: true });
		const row = await load(id);
		expect(row.status).toBe('published');
		const [svc] = await handle.db.select().from(service).where(eq(service.id, row.serviceId!));
		const snap = svc!.published as PublishedService;
		expect(snap).toMatchObject({ organisation: { id: orgId }, free: true, childcare: true, accessModes: ['walk_in'] });
		expect(snap.needs).toEqual(['fle', 'french']);
		expect(snap.languages).toEqual(['fr', 'ar']);
		expect(snap.locations[0]).toMatchObject({ street: 'Rue du Test 1', nisCode: '62096', postalCode: '4100' });
		expect(snap.hours).toEqual([
			{ weekday: 2, opensAt: '18:00', closesAt: '20:30' },
			{ weekday: 4, opensAt: '18:00', closesAt: '20:30' }
		]);
		const found = (await directoryIndex(handle.db)).search({ q: 'FLE A2 le soir', evening: true });
		expect(found.hits.map((h) => h.service.id)).toContain(row.serviceId);
		expect((await directoryIndex(handle.db)).search({ need: 'french', nis: '62096' }).hits.map((h) => h.service.id)).toContain(row.serviceId);

		expect(await offer().update(id, row.version, form({ title: 'FLE A2 — mardi et jeudi soir', price: '20' }), ctx)).toMatchObject({ ok: true });
		const [after] = await handle.db.select().from(service).where(eq(service.id, row.serviceId!));
		expect((after!.published as PublishedService)).toMatchObject({ name: { fr: { text: 'FLE A2 — mardi et jeudi soir' } }, free: false });
		expect(await offer().publish(id, ctx)).toEqual({ ok: false, state: 'courses.offer.errors.alreadyPublished' });
	});

	it('archives: the service leaves the directory search', async () => {
		const row = await load(id);
		expect(await offer().archive(id, ctx)).toEqual({ ok: true });
		const [svc] = await handle.db.select().from(service).where(eq(service.id, row.serviceId!));
		expect(svc!.published).toBeNull();
		// Each process checks the directory's version at most once a second.
		await new Promise((r) => setTimeout(r, 1100));
		expect((await directoryIndex(handle.db)).search({ q: 'FLE A2 mardi jeudi' }).hits.map((h) => h.service.id)).not.toContain(row.serviceId);
		// Published again: the same service comes back.
		expect(await offer().publish(id, ctx)).toEqual({ ok: true });
		expect((await load(id)).serviceId).toBe(row.serviceId);
	});

	it('cancelling the course cancels its waiting, offered and enrolled requests, on the case files too', async () => {
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: orgId, firstName: 'Test', lastActivityAt: new Date('2026-01-01') }).returning();
		const rows = await handle.db
			.insert(enrolment)
			.values([
				{ courseId: id, organisationId: orgId, source: 'case_file', caseFileId: file!.id, status: 'waiting' },
				{ courseId: id, organisationId: orgId, source: 'public', firstName: 'P', status: 'offered' },
				{ courseId: id, organisationId: orgId, source: 'direct', firstName: 'D', status: 'declined' }
			])
			.returning();
		const result = await offer().cancel(id, ctx);
		// Two here, and the enrolled one of the register test.
		expect(result).toEqual({ ok: true, enrolments: 3 });
		const after = await handle.db.select().from(enrolment).where(eq(enrolment.courseId, id));
		expect(after.filter((e) => e.status === 'cancelled').every((e) => e.endedReason === 'course_cancelled' && e.endedAt)).toBe(true);
		expect(after.find((e) => e.id === rows[2]!.id)!.status).toBe('declined');
		expect((await load(id)).status).toBe('cancelled');
		const onFile = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectType, 'case_file'), eq(auditEvent.subjectId, file!.id)));
		expect(onFile.map((a) => [a.action, a.section])).toEqual([['enrolment.cancelled', 'parcours']]);
		expect((await handle.db.select().from(caseFile).where(eq(caseFile.id, file!.id)))[0]!.lastActivityAt.getTime()).toBeGreaterThan(new Date('2026-06-01').getTime());
		const [svc] = await handle.db.select().from(service).where(eq(service.id, (await load(id)).serviceId!));
		expect(svc!.published).toBeNull();
		expect(await offer().update(id, (await load(id)).version, form(), ctx)).toEqual({ ok: false, state: 'courses.offer.errors.cancelled' });
	});

	it('lists only the given organisations’ courses, with filters', async () => {
		const other = await offer().create(orgId, form({ axis: 'digital', level: '', focus: '', title: 'PMTIC' }), ctx);
		expect((await listCourses(handle.db, [orgId], { axis: 'digital' })).map((c) => c.id)).toEqual([other]);
		expect((await listCourses(handle.db, [orgId], { status: 'cancelled' })).map((c) => c.id)).toEqual([id]);
		expect(await listCourses(handle.db, [], {})).toEqual([]);
	});
});
