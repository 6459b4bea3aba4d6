import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../audit/audit.table';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { fieldErrors } from '../identity/identity.schemas';
import { consentFormSchema } from './cases.consents.schemas';
import { consentState, createConsents } from './cases.consents.usecases';
import { addMonths, consentEndsAt } from './cases.dates';
import { consentForm, referralWorld } from './cases.referrals.fixtures';
import { caseFile } from './cases.table';

const today = '2026-11-28';
const typed = (over: Record<string, unknown> = {}) => ({ purpose: 'referral', organisations: ['00000000-0000-4000-8000-000000000001'], sections: ['identity'], language: 'ti', interpreter: 'on', givenOn: today, expiresOn: '2027-11-28', ...over });
const errorsOf = (values: Record<string, unknown>) => {
	const r = consentFormSchema(today).safeParse(values);
	return r.success ? {} : fieldErrors(r.error);
};

describe('the consent form', () => {
	it('accepts a referral consent given today in Tigrinya with an interpreter', () => {
		const r = consentFormSchema(today).safeParse(typed());
		expect(r.success && r.data).toMatchObject({ purpose: 'referral', language: 'ti', interpreter: true, sections: ['identity'] });
	});

	it('says which field is wrong, each in the words of the catalogue', () => {
		expect(errorsOf(typed({ organisations: [], sections: [] }))).toEqual({ organisations: 'pro.errors.consent.organisations', sections: 'pro.errors.consent.sections' });
		expect(errorsOf(typed({ givenOn: '2026-12-01' }))).toEqual({ givenOn: 'pro.errors.consent.givenInFuture' });
		expect(errorsOf(typed({ expiresOn: '2026-11-27' }))).toEqual({ expiresOn: 'pro.errors.consent.expiryPast' });
		expect(errorsOf(typed({ givenOn: '2026-11-01', expiresOn: '2030-01-01' }))).toEqual({ expiresOn: 'pro.errors.consent.expiryTooFar' });
		expect(errorsOf(typed({ givenOn: '2026-02-30' }))).toEqual({ givenOn: 'pro.errors.date' });
		expect(errorsOf(typed({ language: 'klingon', purpose: 'gossip' }))).toEqual({ language: 'pro.errors.consent.language', purpose: 'pro.errors.consent.purpose' });
	});

	it('drops organisations and sections for a follow-up or statistics consent', () => {
		const r = consentFormSchema(today).safeParse(typed({ purpose: 'statistics' }));
		expect(r.success && r.data).toMatchObject({ organisations: [], sections: [] });
	});
});

describe('consent dates', () => {
	it('hold until the end of their last day in Brussels, and add months without overflowing', () => {
		expect(consentEndsAt('2027-01-15').toISOString()).toBe('2027-01-15T23:00:00.000Z');
		expect(consentEndsAt('2027-07-15').toISOString()).toBe('2027-07-15T22:00:00.000Z');
		expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
		expect(addMonths('2026-11-28', 12)).toBe('2027-11-28');
		expect(consentState({ revokedAt: null, expiresOn: '2026-11-28' }, '2026-11-28')).toBe('active');
		expect(consentState({ revokedAt: null, expiresOn: '2026-11-27' }, '2026-11-28')).toBe('expired');
		expect(consentState({ revokedAt: new Date(), expiresOn: '2027-11-28' }, '2026-11-28')).toBe('revoked');
	});
});

describe('recording a consent', () => {
	let handle: DatabaseHandle;
	let world: Awaited<ReturnType<typeof referralWorld>>;
	beforeAll(async () => {
		handle = await freshDatabase();
		world = await referralWorld(handle.db);
	}, 60_000);
	afterAll(async () => handle?.close());

	it('keeps who recorded it, the language and the interpreter, audits it with codes only and moves the file', async () => {
		const at = new Date('2026-11-28T10:00:00Z');
		const consents = createConsents({ db: handle.db });
		const ctx = { actorUserId: world.users.workerA.id, organisationId: world.orgs.a, ipHash: 'h' };
		expect(await consents.record(world.file, consentForm({ organisations: [world.orgs.a] }), ctx, at)).toEqual({ ok: false, errors: { organisations: 'pro.errors.consent.unknownOrganisation' } });
		const recorded = await consents.record(world.file, consentForm({ organisations: [world.orgs.b] }), ctx, at);
		expect(recorded.ok).toBe(true);
		const [listed] = await consents.listForFile(world.file.id, at);
		expect(listed).toMatchObject({ purpose: 'referral', language: 'ar', interpreter: true, recordedBy: 'worker.a', state: 'active', organisations: [{ id: world.orgs.b, name: 'ILI Herstal (test)' }] });
		const [row] = await handle.db.select().from(auditEvent).where(eq(auditEvent.action, 'consent.recorded'));
		expect(row).toMatchObject({ subjectType: 'case_file', subjectId: world.file.id, section: null, organisationId: world.orgs.a, actorUserId: world.users.workerA.id });
		expect(JSON.stringify(row!.details)).not.toMatch(/Yasmina|Herstal/);
		const [file] = await handle.db.select({ at: caseFile.lastActivityAt }).from(caseFile).where(eq(caseFile.id, world.file.id));
		expect(file!.at.getTime()).toBe(at.getTime());
	});
});
