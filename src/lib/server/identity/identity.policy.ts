import { caseFileRoles, defineRules, hasPlatformRole, isSignedIn, roleIn, type Actor, type Decision } from '../policy/policy';

type OrgSubject = { id: string };

/** Platform admins act on every organisation, with a second factor passed in the session. */
const platformAdmin = (a: Actor): Decision => (hasPlatformRole(a, 'platform_admin') ? (isSignedIn(a) && a.secondFactorPassed ? true : 'second-factor') : false);
const withSecondFactor = (a: Actor): Decision => (isSignedIn(a) && a.secondFactorPassed ? true : 'second-factor');
const either = (...decisions: Decision[]): Decision => (decisions.includes(true) ? true : decisions.includes('second-factor') ? 'second-factor' : false);

export const identityRules = defineRules('identity', {
	/** The pro space's home: any signed-in person. */
	'pro.enter': (a: Actor) => isSignedIn(a),
	/** Own account, password, second factor, sessions. */
	'account.manage': (a: Actor) => isSignedIn(a),
	/** Listing organisations: platform admins see all, others the ones they belong to (SQL scope below). */
	'organisation.list': (a: Actor) => isSignedIn(a),
	'organisation.create': (a: Actor) => platformAdmin(a),
	'organisation.view': (a: Actor, o: OrgSubject) => either(roleIn(a, o.id) !== undefined, platformAdmin(a)),
	'organisation.update': (a: Actor, o: OrgSubject) => either(roleIn(a, o.id) === 'admin' && withSecondFactor(a), platformAdmin(a)),
	'organisation.members.view': (a: Actor, o: OrgSubject) => either(roleIn(a, o.id) !== undefined, platformAdmin(a)),
	/** Inviting, changing roles and removing members grants access to case files: a second factor is required. */
	'organisation.members.manage': (a: Actor, o: OrgSubject) => either(roleIn(a, o.id) === 'admin' && withSecondFactor(a), platformAdmin(a)),
	/** An organisation's audit trail shows who opened which file: its admins only, with a second factor. */
	'organisation.audit.view': (a: Actor, o: OrgSubject) => (roleIn(a, o.id) === 'admin' ? withSecondFactor(a) : false),
	/** The outbox holds invitation and reset links. */
	'outbox.view': (a: Actor) => platformAdmin(a),
	/** Any page holding case files: a member role that can open them, and a second factor passed. */
	'cases.enter': (a: Actor) => (isSignedIn(a) && [...a.memberships.values()].some((r) => caseFileRoles.has(r)) ? withSecondFactor(a) : false)
});

/** The organisations an actor may list: undefined means all (platform admins). */
export function organisationScope(a: Actor): string[] | undefined {
	if (!isSignedIn(a)) return [];
	if (a.platformRoles.has('platform_admin')) return undefined;
	return [...a.memberships.keys()];
}

/** Member rows as a viewer may see them: e-mail addresses only for those who manage members. */
export function presentMembers<M extends { email: string }>(members: M[], canManage: boolean): (Omit<M, 'email'> & { email: string | null })[] {
	return members.map((m) => ({ ...m, email: canManage ? m.email : null }));
}
