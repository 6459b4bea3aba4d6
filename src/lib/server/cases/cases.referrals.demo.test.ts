import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { identityDemoSeeder } from '../identity/identity.demo';
import { demoCaseFiles, referralsDemoSeeder } from './cases.referrals.demo';
import { referral } from './cases.referrals.table';
import { caseGrant, consent } from './cases.table';

let handle: DatabaseHandle;
beforeAll(async () => {
	handle = await freshDatabase();
	await identityDemoSeeder(async () => 'not-a-real-hash').seed(handle.db);
	await referralsDemoSeeder.seed(handle.db);
}, 60_000);
afterAll(async () => handle?.close());

describe('demo consents and referrals', () => {
	it('leave one file without consent, one referral waiting, one accepted with its grant, one incoming', async () => {
		expect(await handle.db.select().from(consent).where(eq(consent.caseFileId, demoCaseFiles.noConsent))).toHaveLength(0);
		const rows = await handle.db.select({ file: referral.caseFileId, status: referral.status }).from(referral).orderBy(asc(referral.sentAt));
		expect(rows).toEqual([
			{ file: demoCaseFiles.shared, status: 'accepted' },
			{ file: demoCaseFiles.waiting, status: 'sent' },
			{ file: demoCaseFiles.incoming, status: 'sent' }
		]);
		const [grant] = await handle.db.select().from(caseGrant);
		expect(grant).toMatchObject({ caseFileId: demoCaseFiles.shared, sections: ['identity', 'social'], revokedAt: null });
	});
});
