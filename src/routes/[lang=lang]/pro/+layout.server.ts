import { runtime } from '$server/app/runtime';
import { coursesRules } from '$server/courses/courses.policy';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { fundingLink } from '$server/courses/courses.funding.presenter';
import { decide } from '$server/policy/policy';
import type { LayoutServerLoad } from './$types';

// Navigation facts only. Every page and action below checks access itself (authorize).
export const load: LayoutServerLoad = async ({ locals }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') return { me: null };
	const memberships = await createIdentityRepository({ db: runtime().database.db }).users.memberships(actor.userId);
	return {
		me: {
			name: actor.name,
			platformRoles: [...actor.platformRoles],
			hasSecondFactor: actor.hasSecondFactor,
			secondFactorPassed: actor.secondFactorPassed,
			memberships: memberships.map((m) => ({ id: m.organisationId, name: m.name, role: m.role })),
			funding: fundingLink(actor),
			// The quarterly report's link: CRI admins and coordinators, platform admins (a pending second factor still shows it).
			mayReport: decide(actor, coursesRules['report.view'], undefined) !== false
		}
	};
};
