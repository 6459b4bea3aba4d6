import { authorize } from '$server/http/guard';
import { identityRules } from '$server/identity/identity.policy';
import type { PageServerLoad } from './$types';

// The entry to case files: a member role and a second factor passed in this session.
export const load: PageServerLoad = (event) => {
	authorize(event, identityRules['cases.enter']);
	return {};
};
