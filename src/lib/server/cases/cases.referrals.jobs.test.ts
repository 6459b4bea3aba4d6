import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createMailer } from '../notify/mailer';
import { startSmtpReceiver } from '../notify/smtp-receiver';
import { createConsents } from './cases.consents.usecases';
import { consentForm, referralWorld } from './cases.referrals.fixtures';
import { createReferralJobs } from './cases.referrals.jobs';
import { createReferralMail } from './cases.referrals.notify';
import { referral } from './cases.referrals.table';
import { createReferrals } from './cases.referrals.usecases';

// The hourly job against a real SMTP receiver, with an injected clock: one reminder at day 10
// (in each recipient's language, nothing about the person), expiry at day 30.
let handle: DatabaseHandle;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let world: Awaited<ReturnType<typeof referralWorld>>;
let jobs: ReturnType<typeof createReferralJobs>;
const sentAt = new Date('2026-11-02T09:00:00Z');
const dayAfter = (days: number, hours = 0) => new Date(sentAt.getTime() + days * 86_400_000 + hours * 3_600_000);
let referralId: string;

beforeAll(async () => {
	handle = await freshDatabase();
	smtp = await startSmtpReceiver();
	world = await referralWorld(handle.db);
	const deps = { db: handle.db, mailer: createMailer({ db: handle.db, smtpUrl: smtp.url, from: 'Passerelle <no-reply@passerelle.test>' }), origin: 'https://passerelle.test' };
	jobs = createReferralJobs(deps);
	const ctx = { actorUserId: world.users.workerA.id, organisationId: world.orgs.a, ipHash: null };
	await createConsents({ db: handle.db }).record(world.file, consentForm({ organisations: [world.orgs.b], givenOn: '2026-11-01', expiresOn: '2027-10-31' }), ctx, sentAt);
	const sent = await createReferrals({ db: handle.db }).send(world.file, { toOrganisationId: world.orgs.b, toServiceId: null, purpose: 'housing', sections: ['identity'], message: 'Yasmina cherche un logement à Herstal.' }, ctx, sentAt);
	referralId = (sent as { id: string }).id;
	// The notice sent with the referral (as the page does after sending).
	await createReferralMail(deps).notify(world.orgs.b, 'received');
}, 60_000);

afterAll(async () => {
	await smtp?.close();
	await handle?.close();
});

describe('the hourly referral job', () => {
	it('tells the receiving organisation’s members of a new referral, each in their language, without a word about the person', async () => {
		const mails = await smtp.waitFor(2);
		// B's worker (ar) and coordinator (nl) may answer; its reader does not get it.
		expect(mails.map((m) => [m.to, m.language]).sort()).toEqual([
			['coordinator.b@test.be', 'nl'],
			['worker.b@test.be', 'ar']
		]);
		const ar = mails.find((m) => m.language === 'ar')!;
		expect(ar.subject).toContain('إحالة');
		expect(ar.text).toContain('https://passerelle.test/ar/pro/orientations');
		for (const m of mails) for (const personal of ['Yasmina', 'Testfile', 'logement', 'ILI Seraing']) expect(m.subject + m.text).not.toContain(personal);
	});

	it('does nothing before day 10, then reminds once, even when two processes run at the same moment', async () => {
		expect(await jobs.run(dayAfter(9, 23))).toMatchObject({ referralsReminded: 0, referralsExpired: 0 });
		const before = smtp.messages.length;
		const [first, second] = await Promise.all([jobs.run(dayAfter(10)), jobs.run(dayAfter(10))]);
		expect(first.referralsReminded + second.referralsReminded).toBe(1);
		const mails = (await smtp.waitFor(before + 2)).slice(before);
		expect(mails).toHaveLength(2);
		const nl = mails.find((m) => m.to === 'coordinator.b@test.be')!;
		expect(nl.language).toBe('nl');
		expect(nl.subject).toContain('Herinnering');
		expect(nl.text).toContain('https://passerelle.test/nl/pro/orientations');
		for (const m of mails) expect(m.text).not.toContain('Yasmina');
		// The next runs find nothing to remind.
		expect((await jobs.run(dayAfter(11))).referralsReminded).toBe(0);
		await new Promise((r) => setTimeout(r, 200));
		expect(smtp.messages.length).toBe(before + 2);
	});

	it('expires the referral at day 30 without an answer; the sender sees it on the file', async () => {
		expect((await jobs.run(dayAfter(29, 23))).referralsExpired).toBe(0);
		expect((await jobs.run(dayAfter(30))).referralsExpired).toBe(1);
		expect((await jobs.run(dayAfter(30, 1))).referralsExpired).toBe(0);
		const [row] = await handle.db.select().from(referral).where(eq(referral.id, referralId));
		expect(row).toMatchObject({ status: 'expired', closedAt: dayAfter(30) });
		const audit = await handle.db.select().from(auditEvent).where(eq(auditEvent.subjectId, world.file.id));
		expect(audit.filter((a) => a.action === 'referral.expired')).toHaveLength(1);
		// An expired referral cannot be accepted any more.
		expect(await createReferrals({ db: handle.db }).accept(referralId, { actorUserId: world.users.workerB.id, organisationId: world.orgs.b }, dayAfter(31))).toEqual({ ok: false, reason: 'not-pending' });
	});
});
