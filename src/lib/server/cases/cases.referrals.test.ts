import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import { service } from '../directory/directory.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { decide } from '../policy/policy';
import '../policy/rules';
import { createConsents } from './cases.consents.usecases';
import { caseAccess, casesRules } from './cases.policy';
import { actorOf, consentForm, referralWorld } from './cases.referrals.fixtures';
import { referralRules } from './cases.referrals.policy';
import { presentInbox } from './cases.referrals.presenter';
import { createReferralsRepository } from './cases.referrals.repository';
import { referral } from './cases.referrals.table';
import { createReferrals } from './cases.referrals.usecases';
import { loadFileSubject } from './cases.scope';
import { caseFile, caseGrant } from './cases.table';

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof referralWorld>>;
const now = new Date('2026-11-28T10:00:00Z');
const day = 86_400_000;
const later = (days: number) => new Date(now.getTime() + days * day);

beforeAll(async () => {
	handle = await freshDatabase();
	world = await referralWorld(handle.db);
}, 60_000);
afterAll(async () => handle?.close());

const ctxOf = (u: { id: string; organisationId: string }) => ({ actorUserId: u.id, organisationId: u.organisationId, ipHash: null });
const sendForm = (over: Partial<{ toOrganisationId: string | null; toServiceId: string | null; sections: ('identity' | 'parcours' | 'notes' | 'health')[]; message: string }> = {}) => ({
	toOrganisationId: world.orgs.b,
	toServiceId: null,
	purpose: 'fle',
	sections: ['identity', 'parcours'] as ('identity' | 'parcours' | 'notes' | 'health')[],
	message: 'Cherche un cours de français le soir.',
	...over
});
/** What the receiving worker sees of the file, at a given moment. */
const accessOf = async (u: Parameters<typeof actorOf>[0], fileId: string, at: Date) => {
	const loaded = await loadFileSubject(handle.db, fileId);
	return caseAccess(actorOf(u), { ...loaded!.subject, now: at });
};
const referralsOfFile = async (fileId: string) => handle.db.select().from(referral).where(eq(referral.caseFileId, fileId));

describe('sending a referral', () => {
	it('is refused without any consent of the person, next to the organisation field, and writes nothing', async () => {
		const result = await createReferrals({ db: handle.db }).send(world.file, sendForm(), ctxOf(world.users.workerA), now);
		expect(result).toEqual({ ok: false, errors: { toOrganisationId: 'pro.errors.referral.noConsent' } });
		expect(await referralsOfFile(world.file.id)).toHaveLength(0);
	});

	it('is refused when the consent names another organisation, or does not cover the sections', async () => {
		await createConsents({ db: handle.db }).record(world.file, consentForm({ organisations: [world.orgs.c], sections: ['parcours'] }), ctxOf(world.users.workerA), now);
		const referrals = createReferrals({ db: handle.db });
		expect(await referrals.send(world.file, sendForm(), ctxOf(world.users.workerA), now)).toEqual({ ok: false, errors: { toOrganisationId: 'pro.errors.referral.noConsent' } });
		// C is named, but only for the parcours: identity is not covered.
		expect(await referrals.send(world.file, sendForm({ toOrganisationId: world.orgs.c }), ctxOf(world.users.workerA), now)).toEqual({ ok: false, errors: { sections: 'pro.errors.referral.sectionsNotConsented' } });
		// A follow-up consent naming nobody does not allow a referral either; nor does a referral to oneself.
		expect(await referrals.send(world.file, sendForm({ toOrganisationId: world.orgs.a }), ctxOf(world.users.workerA), now)).toEqual({ ok: false, errors: { toOrganisationId: 'pro.errors.referral.self' } });
		expect(await referralsOfFile(world.file.id)).toHaveLength(0);
	});

	it('is refused when the consent was revoked or has expired', async () => {
		const consents = createConsents({ db: handle.db });
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: world.orgs.a, firstName: 'Expired consent' }).returning();
		const old = await consents.record(file!, consentForm({ organisations: [world.orgs.b], givenOn: '2025-01-10', expiresOn: '2026-11-27' }), ctxOf(world.users.workerA), now);
		expect(old.ok).toBe(true);
		const referrals = createReferrals({ db: handle.db });
		expect((await referrals.send(file!, sendForm(), ctxOf(world.users.workerA), now)).ok).toBe(false);
		const revoked = await consents.record(file!, consentForm({ organisations: [world.orgs.b] }), ctxOf(world.users.workerA), now);
		await consents.revoke(file!.id, (revoked as { id: string }).id, ctxOf(world.users.workerA), now);
		expect(await referrals.send(file!, sendForm(), ctxOf(world.users.workerA), now)).toEqual({ ok: false, errors: { toOrganisationId: 'pro.errors.referral.noConsent' } });
	});
});

describe('a referral to a service of the directory', () => {
	it('goes to the service’s organisation and records the service; a service of another organisation is refused', async () => {
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: world.orgs.a, firstName: 'To a service' }).returning();
		const [fle, other] = await handle.db
			.insert(service)
			.values([
				{ organisationId: world.orgs.b, status: 'published', published: { name: { fr: { text: 'Français du soir', status: 'source' } } } },
				{ organisationId: world.orgs.c, status: 'published', published: { name: { fr: { text: 'Atelier cuisine', status: 'source' } } } }
			])
			.returning({ id: service.id });
		await createConsents({ db: handle.db }).record(file!, consentForm({ organisations: [world.orgs.b] }), ctxOf(world.users.workerA), now);
		const referrals = createReferrals({ db: handle.db });
		expect(await referrals.send(file!, sendForm({ toOrganisationId: world.orgs.b, toServiceId: other!.id }), ctxOf(world.users.workerA), now)).toEqual({ ok: false, errors: { toServiceId: 'pro.errors.referral.serviceOfOther' } });
		// C's service alone: C is not named by the consent.
		expect(await referrals.send(file!, sendForm({ toOrganisationId: null, toServiceId: other!.id }), ctxOf(world.users.workerA), now)).toEqual({ ok: false, errors: { toOrganisationId: 'pro.errors.referral.noConsent' } });
		const sent = await referrals.send(file!, sendForm({ toOrganisationId: null, toServiceId: fle!.id }), ctxOf(world.users.workerA), now);
		expect(sent).toMatchObject({ ok: true, toOrganisationId: world.orgs.b });
		const [listed] = await createReferralsRepository({ db: handle.db }).listForFile(file!.id, 'ar');
		expect(listed).toMatchObject({ toName: 'ILI Herstal (test)', serviceName: 'Français du soir' });
		expect(listed!.r.toServiceId).toBe(fle!.id);
	});
});

describe('a referral accepted, then the consent revoked', () => {
	let consentId: string;
	let referralId: string;

	it('is sent under a consent naming the organisation and covering the sections', async () => {
		const recorded = await createConsents({ db: handle.db }).record(world.file, consentForm({ organisations: [world.orgs.b], sections: ['identity', 'parcours', 'notes'], expiresOn: '2027-03-31' }), ctxOf(world.users.workerA), now);
		consentId = (recorded as { id: string }).id;
		const sent = await createReferrals({ db: handle.db }).send(world.file, sendForm(), ctxOf(world.users.workerA), now);
		expect(sent.ok).toBe(true);
		referralId = (sent as { id: string }).id;
		const [row] = await referralsOfFile(world.file.id);
		expect(row).toMatchObject({ status: 'sent', consentId, toOrganisationId: world.orgs.b, sections: ['identity', 'parcours'], purpose: 'fle' });
		// A second one to the same organisation waits for the first answer.
		expect(await createReferrals({ db: handle.db }).send(world.file, sendForm(), ctxOf(world.users.workerA), now)).toEqual({ ok: false, errors: { toOrganisationId: 'pro.errors.referral.alreadyPending' } });
	});

	it('shows the receiver the message, the need and the name, not the file, until it accepts', async () => {
		expect(await accessOf(world.users.workerB, world.file.id, now)).toBeNull();
		const { items, reads } = presentInbox(await createReferralsRepository({ db: handle.db }).inbox([world.orgs.b], 'fr'), now);
		const item = items.find((i) => i.id === referralId)!;
		expect(item).toMatchObject({ personName: 'Yasmina Testfile', purpose: 'fle', message: 'Cherche un cours de français le soir.', fileId: null, waiting: true });
		expect(reads).toContainEqual({ fileId: world.file.id, organisationId: world.orgs.b, section: 'identity', referralId });
		// Only the receiving organisation's members who may answer decide; not its readers, not others.
		expect(decide(actorOf(world.users.workerB), referralRules['referral.respond'], { toOrganisationId: world.orgs.b })).toBe(true);
		expect(decide(actorOf(world.users.readerB), referralRules['referral.respond'], { toOrganisationId: world.orgs.b })).toBe(false);
		expect(decide(actorOf(world.users.workerC), referralRules['referral.respond'], { toOrganisationId: world.orgs.b })).toBe(false);
	});

	it('creates on acceptance a grant on the named sections only, until the consent ends', async () => {
		const accepted = await createReferrals({ db: handle.db }).accept(referralId, ctxOf(world.users.workerB), later(1));
		expect(accepted).toEqual({ ok: true, caseFileId: world.file.id });
		const [grant] = await handle.db.select().from(caseGrant).where(eq(caseGrant.referralId, referralId));
		expect(grant).toMatchObject({ organisationId: world.orgs.b, sections: ['identity', 'parcours'], consentId, revokedAt: null });
		// Valid until 31 March 2027 (inclusive) in Brussels: the grant ends at midnight, Brussels time.
		expect(grant!.expiresAt.toISOString()).toBe('2027-03-31T22:00:00.000Z');
		const access = await accessOf(world.users.workerB, world.file.id, later(2));
		expect([...access!.sections].sort()).toEqual(['identity', 'parcours']);
		expect(access!.owner).toBe(false);
		expect(decide(actorOf(world.users.workerB), casesRules['section.view'], { file: { ...(await loadFileSubject(handle.db, world.file.id))!.subject, now: later(2) }, section: 'notes' })).toBe(false);
		// The consent names B only: C sees nothing.
		expect(await accessOf(world.users.workerC, world.file.id, later(2))).toBeNull();
		// Accepting twice changes nothing.
		expect(await createReferrals({ db: handle.db }).accept(referralId, ctxOf(world.users.workerB), later(1))).toEqual({ ok: false, reason: 'not-pending' });
		const audit = await handle.db.select().from(auditEvent).where(and(eq(auditEvent.subjectType, 'case_file'), eq(auditEvent.subjectId, world.file.id)));
		expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['consent.recorded', 'referral.sent', 'referral.accepted', 'case_grant.created']));
		expect(JSON.stringify(audit.map((a) => a.details))).not.toContain('Cherche');
	});

	it('lets two organisations follow the person at once, each seeing only its own sections', async () => {
		const consents = createConsents({ db: handle.db });
		await consents.record(world.file, consentForm({ organisations: [world.orgs.c], sections: ['parcours', 'health'] }), ctxOf(world.users.workerA), now);
		const referrals = createReferrals({ db: handle.db });
		const sent = await referrals.send(world.file, sendForm({ toOrganisationId: world.orgs.c, sections: ['health'] }), ctxOf(world.users.workerA), now);
		expect(sent.ok).toBe(true);
		// Its name is not shared with C: the inbox shows a neutral line.
		const { items } = presentInbox(await createReferralsRepository({ db: handle.db }).inbox([world.orgs.c], 'fr'), now);
		expect(items[0]!.personName).toBeNull();
		await referrals.accept((sent as { id: string }).id, ctxOf(world.users.workerC), later(1));
		expect([...(await accessOf(world.users.workerC, world.file.id, later(2)))!.sections]).toEqual(['health']);
		expect([...(await accessOf(world.users.workerB, world.file.id, later(2)))!.sections].sort()).toEqual(['identity', 'parcours']);
	});

	it('revokes, in one step, every grant the consent carried and cancels the referrals still waiting under it', async () => {
		// A second referral under the same consent (to B), still waiting when the consent is revoked.
		const [other] = await handle.db.insert(caseFile).values({ ownerOrganisationId: world.orgs.a, firstName: 'Second file' }).returning();
		const consents = createConsents({ db: handle.db });
		const second = await consents.record(other!, consentForm({ organisations: [world.orgs.b] }), ctxOf(world.users.workerA), now);
		const waiting = await createReferrals({ db: handle.db }).send(other!, sendForm(), ctxOf(world.users.workerA), now);
		expect(waiting.ok).toBe(true);
		// Revoking the first file's consent touches the first file only.
		const revoked = await consents.revoke(world.file.id, consentId, ctxOf(world.users.workerA), later(3));
		expect(revoked).toEqual({ ok: true, grants: 1, referrals: 0 });
		const [grant] = await handle.db.select().from(caseGrant).where(eq(caseGrant.referralId, referralId));
		expect(grant).toMatchObject({ revokedReason: 'consent_revoked' });
		expect(await accessOf(world.users.workerB, world.file.id, later(3))).toBeNull();
		// C's grant came from another consent: it stays.
		expect([...(await accessOf(world.users.workerC, world.file.id, later(3)))!.sections]).toEqual(['health']);
		// The other file's waiting referral is cancelled when its own consent is revoked.
		expect(await consents.revoke(other!.id, (second as { id: string }).id, ctxOf(world.users.workerA), later(3))).toEqual({ ok: true, grants: 0, referrals: 1 });
		const [cancelled] = await referralsOfFile(other!.id);
		expect(cancelled!.status).toBe('cancelled');
		expect(await createReferrals({ db: handle.db }).accept(cancelled!.id, ctxOf(world.users.workerB), later(4))).toEqual({ ok: false, reason: 'not-pending' });
		// Revoking twice changes nothing; the timeline has the revocation, the grant's end, the cancellation.
		expect((await consents.revoke(world.file.id, consentId, ctxOf(world.users.workerA), later(4))).ok).toBe(false);
		const audit = await handle.db.select().from(auditEvent).where(eq(auditEvent.subjectType, 'case_file'));
		expect(audit.filter((a) => a.subjectId === world.file.id).map((a) => a.action)).toEqual(expect.arrayContaining(['consent.revoked', 'case_grant.revoked']));
		expect(audit.filter((a) => a.subjectId === other!.id).map((a) => a.action)).toEqual(expect.arrayContaining(['consent.revoked', 'referral.cancelled']));
		const [touched] = await handle.db.select({ at: caseFile.lastActivityAt }).from(caseFile).where(eq(caseFile.id, world.file.id));
		expect(touched!.at.getTime()).toBe(later(3).getTime());
	});

	it('shows the receiver nothing of the person once its access ended', async () => {
		const { items } = presentInbox(await createReferralsRepository({ db: handle.db }).inbox([world.orgs.b], 'fr'), later(3));
		const item = items.find((i) => i.id === referralId)!;
		expect(item).toMatchObject({ status: 'accepted', personName: null, message: null, fileId: null });
		expect(item.access).toMatchObject({ state: 'ended', reason: 'consent_revoked' });
	});
});

describe('grants after the consent’s expiry, declining and marking done', () => {
	it('refuses a grant used after its expiry, and ends it with the reason once the consent lapsed', async () => {
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: world.orgs.a, firstName: 'Short consent' }).returning();
		const consents = createConsents({ db: handle.db });
		await consents.record(file!, consentForm({ organisations: [world.orgs.b], expiresOn: '2026-12-05' }), ctxOf(world.users.workerA), now);
		const referrals = createReferrals({ db: handle.db });
		const sent = await referrals.send(file!, sendForm(), ctxOf(world.users.workerA), now);
		await referrals.accept((sent as { id: string }).id, ctxOf(world.users.workerB), now);
		expect(await accessOf(world.users.workerB, file!.id, new Date('2026-12-05T20:00:00Z'))).not.toBeNull();
		// After the last valid day (Brussels), the grant gives nothing, whatever the job did.
		expect(await accessOf(world.users.workerB, file!.id, new Date('2026-12-05T23:30:00Z'))).toBeNull();
		expect(decide(actorOf(world.users.workerB), casesRules['file.view'], { ...(await loadFileSubject(handle.db, file!.id))!.subject, now: later(10) })).toBe(false);
		// The daily job records why it ended; a second run finds nothing more.
		expect(await consents.endLapsed(later(10))).toEqual({ grants: 1, referrals: 0 });
		expect(await consents.endLapsed(later(10))).toEqual({ grants: 0, referrals: 0 });
		const [grant] = await handle.db.select().from(caseGrant).where(eq(caseGrant.caseFileId, file!.id));
		expect(grant).toMatchObject({ revokedReason: 'consent_expired' });
	});

	it('cancels on acceptance a referral whose consent has lapsed meanwhile', async () => {
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: world.orgs.a, firstName: 'Lapsed meanwhile' }).returning();
		await createConsents({ db: handle.db }).record(file!, consentForm({ organisations: [world.orgs.b], expiresOn: '2026-12-01' }), ctxOf(world.users.workerA), now);
		const referrals = createReferrals({ db: handle.db });
		const sent = await referrals.send(file!, sendForm(), ctxOf(world.users.workerA), now);
		expect(await referrals.accept((sent as { id: string }).id, ctxOf(world.users.workerB), later(5))).toEqual({ ok: false, reason: 'consent-gone' });
		expect((await referralsOfFile(file!.id))[0]!.status).toBe('cancelled');
		expect(await handle.db.select().from(caseGrant).where(eq(caseGrant.caseFileId, file!.id))).toHaveLength(0);
	});

	it('keeps the receiver’s words when it declines, and ends its access when it marks the referral done', async () => {
		const [file] = await handle.db.insert(caseFile).values({ ownerOrganisationId: world.orgs.a, firstName: 'Declined then done' }).returning();
		await createConsents({ db: handle.db }).record(file!, consentForm({ organisations: [world.orgs.b, world.orgs.c] }), ctxOf(world.users.workerA), now);
		const referrals = createReferrals({ db: handle.db });
		const toB = await referrals.send(file!, sendForm(), ctxOf(world.users.workerA), now);
		expect(await referrals.decline((toB as { id: string }).id, 'Plus de place avant mars.', ctxOf(world.users.workerB), later(1))).toEqual({ ok: true, caseFileId: file!.id });
		const toC = await referrals.send(file!, sendForm({ toOrganisationId: world.orgs.c }), ctxOf(world.users.workerA), later(1));
		await referrals.accept((toC as { id: string }).id, ctxOf(world.users.workerC), later(2));
		expect(await accessOf(world.users.workerC, file!.id, later(3))).not.toBeNull();
		expect(await referrals.markDone((toC as { id: string }).id, '', ctxOf(world.users.workerC), later(3))).toEqual({ ok: true, caseFileId: file!.id });
		expect(await accessOf(world.users.workerC, file!.id, later(3))).toBeNull();
		const rows = await createReferralsRepository({ db: handle.db }).listForFile(file!.id, 'fr');
		expect(rows.map((r) => [r.toName, r.r.status, r.r.responseMessage])).toEqual([
			['CISP Huy (test)', 'done', null],
			['ILI Herstal (test)', 'declined', 'Plus de place avant mars.']
		]);
		expect(rows[0]!.grantRevokedReason).toBe('referral_done');
	});
});
