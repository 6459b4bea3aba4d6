import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client';
import { freshDatabase } from '../db/testing';
import { createIdentityRepository } from '../identity/identity.repository';
import { createSessions } from '../identity/sessions';
import { decide, type OrganisationRole, type PlatformRole } from '../policy/policy';
import '../policy/rules';
import { coursesRules } from './courses.policy';

let handle: DatabaseHandle;
const orgs = { cri: '', ili: '', other: '' };

beforeAll(async () => {
	handle = await freshDatabase();
	const repo = createIdentityRepository({ db: handle.db });
	orgs.cri = (await repo.organisations.create({ name: 'CRI', kind: 'cri', nisCode: '62063' })).id;
	orgs.ili = (await repo.organisations.create({ name: 'ILI', kind: 'ili', nisCode: '62096' })).id;
	orgs.other = (await repo.organisations.create({ name: 'ILI 2', kind: 'ili', nisCode: '62051' })).id;
});
afterAll(async () => handle.close());

/** The actor as the app sees it: an account, its memberships, a session resolved from the database. */
async function signedIn(memberships: [keyof typeof orgs, OrganisationRole][], { platformRoles = [] as PlatformRole[], secondFactor = true } = {}) {
	const repo = createIdentityRepository({ db: handle.db });
	const user = await repo.users.create({ email: `${crypto.randomUUID()}@policy.test`, name: 'x', locale: 'fr', platformRoles });
	for (const [org, role] of memberships) await repo.members.add(user.id, orgs[org], role);
	const sessions = createSessions({ db: handle.db });
	const { token } = await sessions.create(user.id, { secondFactorAt: secondFactor ? new Date() : null });
	return (await sessions.resolve(token))!.actor;
}

describe('who may do what with courses', () => {
	it('the organisation runs its courses: writers edit, leads publish, readers only look', async () => {
		const ili = { organisationId: orgs.ili };
		const worker = await signedIn([['ili', 'worker']]);
		const reader = await signedIn([['ili', 'reader']]);
		const coordinator = await signedIn([['ili', 'coordinator']]);
		expect(decide(worker, coursesRules['course.edit'], ili)).toBe(true);
		expect(decide(worker, coursesRules['course.publish'], ili)).toBe(false);
		expect(decide(coordinator, coursesRules['course.publish'], ili)).toBe(true);
		expect(decide(reader, coursesRules['course.view'], ili)).toBe(true);
		expect(decide(reader, coursesRules['course.edit'], ili)).toBe(false);
		expect(decide(worker, coursesRules['course.edit'], { organisationId: orgs.other })).toBe(false);
	});

	it('people on a waiting list or a register need the second factor, and stay in their organisation', async () => {
		const ili = { organisationId: orgs.ili };
		expect(decide(await signedIn([['ili', 'worker']], { secondFactor: false }), coursesRules['enrolment.view'], ili)).toBe('second-factor');
		expect(decide(await signedIn([['ili', 'reader']]), coursesRules['enrolment.view'], ili)).toBe(true);
		expect(decide(await signedIn([['ili', 'reader']]), coursesRules['register.record'], ili)).toBe(false);
		expect(decide(await signedIn([['other', 'admin']]), coursesRules['enrolment.view'], ili)).toBe(false);
		expect(decide(await signedIn([['ili', 'worker']]), coursesRules['register.lock'], ili)).toBe(false);
	});

	it('the sector’s report belongs to the CRI’s admins and coordinators and to platform admins', async () => {
		expect(decide(await signedIn([['cri', 'coordinator']]), coursesRules['report.view'])).toBe(true);
		expect(decide(await signedIn([['cri', 'worker']]), coursesRules['report.view'])).toBe(false);
		expect(decide(await signedIn([['ili', 'admin']]), coursesRules['report.view'])).toBe(false);
		expect(decide(await signedIn([], { platformRoles: ['platform_admin'] }), coursesRules['report.view'])).toBe(true);
		expect(decide(await signedIn([], { platformRoles: ['directory_editor'] }), coursesRules['funding.rules'])).toBe(false);
	});

	it('an organisation exports its own funding justification; the CRI exports anyone’s', async () => {
		const ili = { organisationId: orgs.ili };
		expect(decide(await signedIn([['ili', 'admin']]), coursesRules['funding.export'], ili)).toBe(true);
		expect(decide(await signedIn([['ili', 'worker']]), coursesRules['funding.export'], ili)).toBe(false);
		expect(decide(await signedIn([['other', 'admin']]), coursesRules['funding.export'], ili)).toBe(false);
		expect(decide(await signedIn([['cri', 'admin']]), coursesRules['funding.export'], ili)).toBe(true);
	});
});
