import { redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { parseForm } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { accreditationAxes, organisationKinds, organisationSchema } from '$server/identity/identity.schemas';
import { identityRules, organisationScope } from '$server/identity/identity.policy';
import { createOrganisations } from '$server/identity/organisations.usecases';
import { decide } from '$server/policy/policy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, identityRules['organisation.list']);
	const db = runtime().database.db;
	const organisations = await createIdentityRepository({ db }).organisations.list(organisationScope(actor));
	// Shown also when only the second factor is missing: submitting leads to its set-up.
	const canCreate = decide(actor, identityRules['organisation.create']) !== false;
	const municipalities = canCreate ? await createTerritoryRepository({ db }).listMunicipalities() : [];
	return {
		organisations: organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, nisCode: o.nisCode })),
		canCreate,
		municipalities: municipalities.map((m) => ({ nisCode: m.nisCode, name: m.nameFr })),
		kinds: organisationKinds,
		axes: accreditationAxes
	};
};

export const actions: Actions = {
	create: async (event) => {
		const actor = authorize(event, identityRules['organisation.create']);
		const form = await parseForm(event.request, organisationSchema, ['axes']);
		if (!form.ok) return form.failure;
		const org = await createOrganisations({ db: runtime().database.db }).create(form.data, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		redirect(303, `/${event.locals.locale}/pro/organisations/${org.id}`);
	}
};
