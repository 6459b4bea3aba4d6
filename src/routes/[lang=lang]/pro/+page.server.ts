import { authorize } from '$server/http/guard';
import { identityRules } from '$server/identity/identity.policy';
import { can } from '$server/policy/policy';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const actor = authorize(event, identityRules['pro.enter']);
	return {
		canCreateOrganisations: can(actor, identityRules['organisation.create']),
		needsSecondFactor: !actor.hasSecondFactor && (actor.memberships.size > 0 || actor.platformRoles.has('platform_admin'))
	};
};
