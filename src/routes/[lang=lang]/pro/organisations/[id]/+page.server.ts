import { runtime } from '$server/app/runtime';
import { parseForm } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { accreditationAxes, organisationKinds, organisationSchema } from '$server/identity/identity.schemas';
import { identityRules } from '$server/identity/identity.policy';
import { loadOrganisation } from '$server/identity/load-organisation';
import { createOrganisations } from '$server/identity/organisations.usecases';
import { can } from '$server/policy/policy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const org = await loadOrganisation(event.params.id);
	const actor = authorize(event, identityRules['organisation.view'], org);
	const canUpdate = can(actor, identityRules['organisation.update'], org);
	const municipalities = await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities();
	return {
		organisation: org,
		municipalityName: municipalities.find((m) => m.nisCode === org.nisCode)?.nameFr ?? org.nisCode,
		canUpdate,
		canManageMembers: can(actor, identityRules['organisation.members.manage'], org),
		canViewAudit: can(actor, identityRules['organisation.audit.view'], org),
		municipalities: canUpdate ? municipalities.map((m) => ({ nisCode: m.nisCode, name: m.nameFr })) : [],
		kinds: organisationKinds,
		axes: accreditationAxes
	};
};

export const actions: Actions = {
	update: async (event) => {
		const org = await loadOrganisation(event.params.id);
		const actor = authorize(event, identityRules['organisation.update'], org);
		const form = await parseForm(event.request, organisationSchema, ['axes']);
		if (!form.ok) return form.failure;
		await createOrganisations({ db: runtime().database.db }).update(org.id, form.data, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		return { updated: true };
	}
};
