import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../audit/audit.table';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
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
