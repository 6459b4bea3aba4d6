import { redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { createServiceEditing } from '$server/directory/directory.editing';
import { directoryRules } from '$server/directory/directory.policy';
import { authorize, requestContext } from '$server/http/guard';
import { loadOrganisation } from '$server/identity/load-organisation';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const org = await loadOrganisation(event.params.id);
	const actor = authorize(event, directoryRules['service.list'], { organisationId: org.id });
	return {
		organisation: { id: org.id, name: org.name },
		services: await createServiceEditing({ db: runtime().database.db }).listForOrganisation(org.id),
		canEdit: can(actor, directoryRules['service.edit'], { organisationId: org.id }),
		canImport: can(actor, directoryRules['service.import'], { organisationId: org.id }),
		canVerify: can(actor, directoryRules['service.verify'], { organisationId: org.id })
	};
};

export const actions: Actions = {
	create: async (event) => {
		const org = await loadOrganisation(event.params.id);
		const actor = authorize(event, directoryRules['service.edit'], { organisationId: org.id });
		const id = await createServiceEditing({ db: runtime().database.db }).create(org.id, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		redirect(303, `/${event.locals.locale}/pro/services/${id}`);
	}
};
