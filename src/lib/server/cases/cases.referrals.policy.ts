import { defineRules, isSignedIn, type Actor, type OrganisationRole } from '../policy/policy';

/** Who answers referrals for an organisation: its admins, coordinators and workers (not readers). */
const answeringRoles: ReadonlySet<OrganisationRole> = new Set(['admin', 'coordinator', 'worker']);

/** The organisations whose incoming referrals an actor may read and answer. */
export function answeringOrganisations(a: Actor): string[] {
	if (!isSignedIn(a)) return [];
	return [...a.memberships].filter(([, role]) => answeringRoles.has(role)).map(([id]) => id);
}

/**
 * Incoming referrals. Sending one, and the consents behind it, are the owner's: they use
 * cases.file.manage on the file. The receiving side is decided by membership of the receiving
 * organisation; what it sees of the file before accepting is the referral only (see the presenter).
 */
export const referralRules = defineRules('cases.referrals', {
	/** The inbox: members who may answer for at least one organisation, with a second factor. */
	'inbox.view': (a: Actor) => (answeringOrganisations(a).length > 0 && isSignedIn(a) ? (a.secondFactorPassed ? true : 'second-factor') : false),
	/** Accepting, declining, marking done: members who may answer for the receiving organisation. */
	'referral.respond': (a: Actor, r: { toOrganisationId: string }) =>
		answeringOrganisations(a).includes(r.toOrganisationId) && isSignedIn(a) ? (a.secondFactorPassed ? true : 'second-factor') : false
});
