import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../audit/audit.table';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { course, enrolment } from '../../courses/courses.table';
import { caseFile } from '../cases.table';
import { registerErasureStep } from './erasure-steps';
import { filesDueForRetention, retentionCutoff, runDailyRetention, runRetention } from './retention.usecases';
import { retentionRun } from './retention.table';
import { seedRightsFixture, type Fixture } from './rights.testing';

let handle: DatabaseHandle;
let f: Fixture;
const now = new Date('2026-11-28T03:00:00Z');
const day = 86_400_000;
const yearsAgo = (years: number, extraDays = 0) => {
	const d = new Date(now);
	d.setUTCFullYear(d.getUTCFullYear() - years);
	return new Date(d.getTime() - extraDays * day);
};
const ids: Record<string, string> = {};
let failFor: string | null = null;
registerErasureStep({
	key: 'flaky',
	order: 1,
	async run(_tx, caseFileId) {
		if (caseFileId === failFor) throw new Error('storage unavailable');
	}
});

beforeAll(async () => {
	handle = await freshDatabase();
	f = await seedRightsFixture(handle.db);
	const files = [
		['dueLongAgo', 'closed', yearsAgo(5, 1)],
		['closedFourYearsAgo', 'closed', yearsAgo(4)],
		['closedJustUnderFive', 'closed', yearsAgo(5, -1)],
		['openOld', 'open', null],
		['failing', 'closed', yearsAgo(6)]
	] as const;
	for (const [name, status, closedAt] of files) {
		const [row] = await handle.db.insert(caseFile).values({ ownerOrganisationId: f.orgA.id, firstName: `Person ${name}`, phone: '+32 4 000', nisCode: '62096', status, closedAt, createdAt: yearsAgo(8) }).returning({ id: caseFile.id });
		ids[name] = row!.id;
	}
}, 60_000);
afterAll(async () => handle?.close());

const statusOf = async (id: string) => (await handle.db.select({ status: caseFile.status, firstName: caseFile.firstName }).from(caseFile).where(eq(caseFile.id, id)))[0];

describe('retention of closed files', () => {
	it('counts back calendar years from now', () => {
		expect(retentionCutoff(now, 5).toISOString()).toBe('2021-11-28T03:00:00.000Z');
	});

	it('lists, without changing anything, the files a run would anonymise', async () => {
		const due = await filesDueForRetention(handle.db, { now, years: 5 });
		expect(due.total).toBe(2);
		expect(due.files.map((x) => x.id)).toEqual([ids.failing, ids.dueLongAgo]);
		expect(due.files[0]).toMatchObject({ ownerName: f.orgA.name });
		expect(await statusOf(ids.dueLongAgo!)).toMatchObject({ status: 'closed' });
	});

	it('anonymises a file closed 5 years and a day ago, not one closed 4 years ago, skips one whose erasure fails, and reports counts', async () => {
		failFor = ids.failing!;
		const report = await runRetention(handle.db, { now, years: 5, trigger: 'cli' });
		expect(report).toMatchObject({ trigger: 'cli', years: 5, anonymised: 1, failed: 1 });
		expect(await statusOf(ids.dueLongAgo!)).toEqual({ status: 'anonymised', firstName: 'Anonyme' });
		expect(await statusOf(ids.failing!)).toMatchObject({ status: 'closed', firstName: 'Person failing' });
		for (const kept of ['closedFourYearsAgo', 'closedJustUnderFive', 'openOld']) expect((await statusOf(ids[kept]!))!.status).not.toBe('anonymised');
		const [run] = await handle.db.select().from(retentionRun).where(eq(retentionRun.id, report.runId));
		expect(run).toMatchObject({ trigger: 'cli', anonymised: 1, failed: 1, years: 5 });
		expect(run!.finishedAt).not.toBeNull();
		const [audit] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'retention.run'), eq(auditEvent.subjectId, report.runId)));
		expect(audit).toMatchObject({ actorUserId: null, subjectType: 'retention_run', details: { trigger: 'cli', years: 5, anonymised: 1, failed: 1 } });
		const [fileAudit] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'case_file.anonymised'), eq(auditEvent.subjectId, ids.dueLongAgo!)));
		expect(fileAudit).toMatchObject({ actorUserId: null, organisationId: f.orgA.id, purpose: 'retention' });
	});

	it('does no double work: a second run finds only what is still due', async () => {
		failFor = null;
		const again = await runRetention(handle.db, { now, years: 5 });
		expect(again).toMatchObject({ anonymised: 1, failed: 0 });
		const third = await runRetention(handle.db, { now, years: 5 });
		expect(third).toMatchObject({ anonymised: 0, failed: 0 });
		const anonymisedRows = await handle.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, 'case_file.anonymised'));
		expect(anonymisedRows[0]!.n).toBe(2);
	});

	it('runs the daily job once a day whatever the number of processes', async () => {
		const later = new Date(now.getTime() + day);
		const [first, second] = await Promise.all([runDailyRetention(handle.db, { now: later, years: 5 }), runDailyRetention(handle.db, { now: later, years: 5 })]);
		expect([first, second].filter((r) => r !== null)).toHaveLength(1);
		expect(await runDailyRetention(handle.db, { now: new Date(later.getTime() + 3_600_000), years: 5 })).toBeNull();
		const scheduled = await handle.db.select().from(retentionRun).where(eq(retentionRun.trigger, 'scheduled'));
		expect(scheduled).toHaveLength(1);
		expect(scheduled[0]).toMatchObject({ day: later.toISOString().slice(0, 10), anonymised: 0 });
	});
});

describe('retention of course requests made without a file', () => {
	const requests: Record<string, string> = {};
	const contactOf = async (id: string) =>
		(await handle.db.select({ firstName: enrolment.firstName, lastName: enrolment.lastName, email: enrolment.email, phone: enrolment.phone, status: enrolment.status, nisCode: enrolment.nisCode }).from(enrolment).where(eq(enrolment.id, id)))[0];

	beforeAll(async () => {
		const addCourse = async (endsOn: string) =>
			(await handle.db.insert(course).values({ organisationId: f.orgA.id, axis: 'fle', level: 'a1', title: `FLE ${endsOn}`, nisCode: '62096', totalHours: 60, capacity: 12, startsOn: '2019-01-07', endsOn, status: 'archived' }).returning({ id: course.id }))[0]!.id;
		const oldCourse = await addCourse('2020-06-30');
		const currentCourse = await addCourse('2027-06-30');
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: f.orgA.id, firstName: 'Kept', nisCode: '62096' }).returning({ id: caseFile.id });
		const person = { organisationId: f.orgA.id, source: 'public', firstName: 'Nasrin', lastName: 'Ahmadi', email: 'nasrin@example.org', phone: '+32 470 00 00 00', nisCode: '62096' };
		const rows: [string, Partial<typeof enrolment.$inferInsert>][] = [
			['withdrawnLongAgo', { courseId: currentCourse, status: 'withdrawn', endedAt: yearsAgo(5, 1) }],
			['withdrawnRecently', { courseId: currentCourse, status: 'withdrawn', endedAt: yearsAgo(1) }],
			['enrolledInOldCourse', { courseId: oldCourse, status: 'enrolled' }],
			['waitingNow', { courseId: currentCourse, status: 'waiting' }],
			['ofAFile', { courseId: oldCourse, status: 'completed', endedAt: yearsAgo(6), caseFileId: file!.id, source: 'case' }]
		];
		for (const [name, values] of rows) {
			requests[name] = (await handle.db.insert(enrolment).values({ ...person, ...values } as typeof enrolment.$inferInsert).returning({ id: enrolment.id }))[0]!.id;
		}
	});

	it('erases name and contact of requests that ended, or whose course ended, before the cutoff; keeps the row for the statistics', async () => {
		expect((await filesDueForRetention(handle.db, { now, years: 5 })).courseRequests).toBe(2);
		const report = await runRetention(handle.db, { now, years: 5 });
		expect(report.courseRequestsErased).toBe(2);
		for (const gone of ['withdrawnLongAgo', 'enrolledInOldCourse']) {
			expect(await contactOf(requests[gone]!)).toMatchObject({ firstName: null, lastName: null, email: null, phone: null, nisCode: '62096' });
		}
		expect(await contactOf(requests.enrolledInOldCourse!)).toMatchObject({ status: 'enrolled' });
		// Still within the period, still waiting, or held by a case file (erased with the file): untouched.
		for (const kept of ['withdrawnRecently', 'waitingNow', 'ofAFile']) expect(await contactOf(requests[kept]!)).toMatchObject({ firstName: 'Nasrin', email: 'nasrin@example.org' });
		const [run] = await handle.db.select().from(retentionRun).where(eq(retentionRun.id, report.runId));
		expect(run).toMatchObject({ courseRequestsErased: 2 });
		const [audit] = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.action, 'retention.run'), eq(auditEvent.subjectId, report.runId)));
		expect(JSON.stringify(audit!.details)).not.toContain('Nasrin');
		expect((await runRetention(handle.db, { now, years: 5 })).courseRequestsErased).toBe(0);
	});
});
