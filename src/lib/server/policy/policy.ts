/**
 * The one place that decides access. Each domain registers its rules here
 * (`defineRules('identity', {...})`); every load, action and API handler calls `authorize` right
 * after loading its subject; list queries use the domain's SQL scope built from the same facts.
 */
export type OrganisationRole = 'admin' | 'coordinator' | 'worker' | 'reader';
export type PlatformRole = 'platform_admin' | 'directory_editor';

export type Anonymous = { kind: 'anonymous' };
export type SignedIn = {
	kind: 'user';
	userId: string;
	sessionId: string;
	name: string;
	email: string;
	locale: string;
	platformRoles: ReadonlySet<PlatformRole>;
	/** organisation id -> role */
	memberships: ReadonlyMap<string, OrganisationRole>;
	/** organisation id -> kind (cri, ili, cisp, cpas…), for rules about the sector's coordinator. */
	organisationKinds?: ReadonlyMap<string, string>;
	/** The account has a confirmed second factor. */
	hasSecondFactor: boolean;
	/** This session passed the second factor. */
	secondFactorPassed: boolean;
};
export type Actor = Anonymous | SignedIn;

export const anonymous: Anonymous = { kind: 'anonymous' };

/**
 * A rule's answer: true (allowed), false (refused), or 'second-factor' (allowed once the session
 * has passed a second factor, which the person can set up or enter).
 */
export type Decision = boolean | 'second-factor';
export type Rule<S = unknown> = (actor: Actor, subject: S) => Decision;

const registry = new Map<string, Rule<never>>();

/** Registers a domain's rules under "domain.action" names; a name is registered once. */
export function defineRules<R extends Record<string, Rule<never>>>(domain: string, rules: R): { [K in keyof R]: `${string}` } {
	const names = {} as Record<string, string>;
	for (const [action, rule] of Object.entries(rules)) {
		const name = `${domain}.${action}`;
		if (registry.has(name)) throw new Error(`rule ${name} is defined twice`);
		registry.set(name, rule);
		names[action] = name;
	}
	return names as { [K in keyof R]: string };
}

export function decide<S>(actor: Actor, action: string, subject?: S): Decision {
	const rule = registry.get(action) as Rule<S | undefined> | undefined;
	if (!rule) throw new Error(`no rule named ${action}`);
	return rule(actor, subject);
}

/** True when the actor may do it now (a pending second factor counts as no). */
export function can<S>(actor: Actor, action: string, subject?: S): boolean {
	return decide(actor, action, subject) === true;
}

export function registeredRules(): string[] {
	return [...registry.keys()].sort();
}

// Helpers the domains' rules share.
export const isSignedIn = (a: Actor): a is SignedIn => a.kind === 'user';
export const hasPlatformRole = (a: Actor, role: PlatformRole) => isSignedIn(a) && a.platformRoles.has(role);
export const roleIn = (a: Actor, organisationId: string | undefined | null): OrganisationRole | undefined =>
	isSignedIn(a) && organisationId ? a.memberships.get(organisationId) : undefined;
/** The actor's role in a CRI (the sector's coordinating centre), if any: the highest one. */
export function criRole(a: Actor): OrganisationRole | undefined {
	if (!isSignedIn(a) || !a.organisationKinds) return undefined;
	const order: OrganisationRole[] = ['admin', 'coordinator', 'worker', 'reader'];
	const roles = [...a.memberships].filter(([id]) => a.organisationKinds!.get(id) === 'cri').map(([, r]) => r);
	return order.find((r) => roles.includes(r));
}
/** Roles that can open case files: every account with one must pass a second factor to use them. */
export const caseFileRoles: ReadonlySet<OrganisationRole> = new Set(['admin', 'coordinator', 'worker', 'reader']);
