import { runtime } from '$server/app/runtime';
import { agendaOrganisationScope, agendaRules } from '$server/agenda/agenda.policy';
import { agendaRepo } from '$server/agenda/agenda.http';
import { authorize } from '$server/http/guard';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { can } from '$server/policy/policy';
import type { PageServerLoad } from './$types';

// The activities of the organisations the person belongs to (scoped in SQL), and the way to the queue.
export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, agendaRules.enter);
	const memberships = await createIdentityRepository({ db: runtime().database.db }).users.memberships(actor.userId);
	const events = await agendaRepo().listForOrganisations(agendaOrganisationScope(actor));
	const canModerate = can(actor, agendaRules.moderate);
	return {
		organisations: memberships.map((m) => ({ id: m.organisationId, name: m.name, canCreate: can(actor, agendaRules['event.create'], { organisationId: m.organisationId }) })),
		events,
		canModerate,
		queued: canModerate ? (await agendaRepo().queue()).length : 0
	};
};
