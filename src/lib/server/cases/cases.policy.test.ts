import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { decide, type OrganisationRole, type SignedIn } from '../policy/policy';
import '../policy/rules';
import { caseAccess, casesRules, type FileSubject } from './cases.policy';
import { caseFileScope } from './cases.scope';
import { caseFile, caseGrant, consent } from './cases.table';

const now = new Date('2026-11-28T10:00:00Z');
const day = 86_400_000;

function actor(memberships: [string, OrganisationRole][], secondFactorPassed = true): SignedIn {
	return {
		kind: 'user',
		userId: '00000000-0000-4000-8000-000000000001',
		sessionId: 's',
		name: 'x',
		email: 'x@x',
		locale: 'fr',
		platformRoles: new Set(),
		memberships: new Map(memberships),
		hasSecondFactor: true,
		secondFactorPassed
	};
}

describe('who may see what of a case file', () => {
	const file = (grants: FileSubject['grants'], status = 'open'): FileSubject => ({ ownerOrganisationId: 'A', status, grants, now });
	const grantToB = (over: Partial<FileSubject['grants'][number]> = {}) => ({ organisationId: 'B', sections: ['identity', 'parcours', 'health'], expiresAt: new Date(now.getTime() + 10 * day), revokedAt: null, ...over });

	it('shows the owner organisation every section, but not the restricted ones to its readers', () => {
		expect([...caseAccess(actor([['A', 'worker']]), file([]))!.sections]).toContain('health');
		const reader = caseAccess(actor([['A', 'reader']]), file([]))!;
		expect(reader.sections.has('notes')).toBe(true);
		expect(reader.sections.has('health')).toBe(false);
	});

	it('shows another organisation only the sections of its active grants', () => {
		expect(caseAccess(actor([['B', 'worker']]), file([]))).toBeNull();
		const access = caseAccess(actor([['B', 'worker']]), file([grantToB()]))!;
		expect([...access.sections].sort()).toEqual(['health', 'identity', 'parcours']);
		expect(access.owner).toBe(false);
		expect(caseAccess(actor([['B', 'worker']]), file([grantToB({ revokedAt: new Date(now.getTime() - day) })]))).toBeNull();
		expect(caseAccess(actor([['B', 'worker']]), file([grantToB({ expiresAt: new Date(now.getTime() - 1) })]))).toBeNull();
		expect(caseAccess(actor([['C', 'admin']]), file([grantToB()]))).toBeNull();
	});

	it('refuses a file without a second factor passed, and editing identity to a grantee', () => {
		expect(decide(actor([['A', 'worker']], false), casesRules['file.view'], file([]))).toBe('second-factor');
		expect(decide(actor([['B', 'worker']]), casesRules['section.edit'], { file: file([grantToB()]), section: 'parcours' })).toBe(true);
		expect(decide(actor([['B', 'worker']]), casesRules['section.edit'], { file: file([grantToB()]), section: 'identity' })).toBe(false);
		expect(decide(actor([['B', 'worker']]), casesRules['file.manage'], file([grantToB()]))).toBe(false);
		expect(decide(actor([['A', 'reader']]), casesRules['section.edit'], { file: file([]), section: 'notes' })).toBe(false);
	});

	it('hides an anonymised file from everyone but the owner’s admins and coordinators', () => {
		expect(caseAccess(actor([['A', 'worker']]), file([], 'anonymised'))).toBeNull();
		expect(caseAccess(actor([['A', 'coordinator']]), file([], 'anonymised'))).not.toBeNull();
		expect(caseAccess(actor([['B', 'worker']]), file([grantToB()], 'anonymised'))).toBeNull();
	});
});

describe('the list scope agrees with the policy', () => {
	let handle: DatabaseHandle;
	const ids: Record<string, string> = {};
	beforeAll(async () => {
		handle = await freshDatabase();
		const repo = createIdentityRepository({ db: handle.db });
		ids.A = (await repo.organisations.create({ name: 'A', kind: 'ili', nisCode: '62096' })).id;
		ids.B = (await repo.organisations.create({ name: 'B', kind: 'ili', nisCode: '62063' })).id;
		const rows = await handle.db
			.insert(caseFile)
			.values([
				{ ownerOrganisationId: ids.A, firstName: 'Owned by A' },
				{ ownerOrganisationId: ids.B, firstName: 'Granted to A' },
				{ ownerOrganisationId: ids.B, firstName: 'Revoked for A' },
				{ ownerOrganisationId: ids.B, firstName: 'Expired for A' },
				{ ownerOrganisationId: ids.B, firstName: 'Private to B' }
			])
			.returning();
		const [c] = await handle.db.insert(consent).values({ caseFileId: rows[1]!.id, purpose: 'referral', organisationIds: [ids.A], sections: ['identity'], language: 'fr', givenOn: '2026-11-01' }).returning();
		await handle.db.insert(caseGrant).values([
			{ caseFileId: rows[1]!.id, organisationId: ids.A, sections: ['identity'], consentId: c!.id, expiresAt: new Date(now.getTime() + day) },
			{ caseFileId: rows[2]!.id, organisationId: ids.A, sections: ['identity'], consentId: c!.id, expiresAt: new Date(now.getTime() + day), revokedAt: now },
			{ caseFileId: rows[3]!.id, organisationId: ids.A, sections: ['identity'], consentId: c!.id, expiresAt: new Date(now.getTime() - day) }
		]);
	});
	afterAll(async () => handle?.close());

	it('lists the files an organisation owns or holds an active grant on, nothing else', async () => {
		const names = async (a: SignedIn) => (await handle.db.select({ n: caseFile.firstName }).from(caseFile).where(caseFileScope(a, now))).map((r) => r.n).sort();
		expect(await names(actor([[ids.A!, 'worker']]))).toEqual(['Granted to A', 'Owned by A']);
		expect(await names(actor([[ids.B!, 'worker']]))).toEqual(['Expired for A', 'Granted to A', 'Private to B', 'Revoked for A']);
		expect(await names(actor([]))).toEqual([]);
	});
});
