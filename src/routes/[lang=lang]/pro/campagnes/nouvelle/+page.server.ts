import { redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { campaignsFor } from '$server/directory/campaign.http';
import { campaignFormSchema, campaignSections } from '$server/directory/campaign.schemas';
import { directoryRules } from '$server/directory/directory.policy';
import { parseForm } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { organisationKinds } from '$server/identity/identity.schemas';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, directoryRules.moderate);
	const municipalities = await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities();
	return {
		municipalities: municipalities.map((m) => ({ nisCode: m.nisCode, name: m.nameFr, arrondissement: m.arrondissement })),
		kinds: organisationKinds,
		sections: campaignSections
	};
};

export const actions: Actions = {
	default: async (event) => {
		const actor = authorize(event, directoryRules.moderate);
		// Refused field by field, with everything typed and ticked kept.
		const form = await parseForm(event.request, campaignFormSchema, ['nisCodes', 'organisationKinds', 'sections']);
		if (!form.ok) return form.failure;
		const id = await campaignsFor(event).create(form.data, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		redirect(303, `/${event.locals.locale}/pro/campagnes/${id}`);
	}
};
