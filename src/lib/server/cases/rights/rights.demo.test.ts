import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { freshDatabase } from '../../db/testing';
import { identityDemoSeeder } from '../../identity/identity.demo';
import { caseFile } from '../cases.table';
import { listFileAccess } from './access-log.repository';
import { runRetention } from './retention.usecases';
import { rightsDemoSeeder } from './rights.demo';

let handle: DatabaseHandle;

beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async (p) => `plain:${p}`).seed(handle.db);
	await rightsDemoSeeder.seed(handle.db);
}, 60_000);
afterAll(async () => handle?.close());

describe('demo data of the rights part', () => {
	it('has a followed file read by Herstal through its grant, and the first retention run anonymises only the file closed over five years ago', async () => {
		const [amanuel] = await handle.db.select().from(caseFile).where(eq(caseFile.firstName, 'Amanuel'));
		const log = await listFileAccess(handle.db, amanuel!.id);
		expect(log.map((e) => e.organisationName)).toContain('Espace Rencontres Herstal (fictif)');
		expect(log.map((e) => e.actorName)).toContain('Hanna Herstal');
		const report = await runRetention(handle.db, { now: new Date(), years: 5 });
		expect(report.anonymised).toBe(1);
		const statuses = await handle.db.select({ lastName: caseFile.lastName, status: caseFile.status }).from(caseFile);
		expect(statuses.filter((s) => s.status === 'anonymised')).toEqual([{ lastName: null, status: 'anonymised' }]);
		expect(statuses.filter((s) => s.status === 'closed')).toHaveLength(1);
	});
});
