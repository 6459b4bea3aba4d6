import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { createServiceEditing } from '$server/directory/directory.editing';
import { readServiceForm } from '$server/directory/service-form';
import { directoryRules } from '$server/directory/directory.policy';
import { loadWorkingService } from '$server/directory/load-service';
import { accessModes } from '$server/directory/directory.types';
import { needs } from '$server/directory/taxonomy';
import { authorize, requestContext } from '$server/http/guard';
import { can } from '$server/policy/policy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

const editing = () => createServiceEditing({ db: runtime().database.db, translator: runtime().translator });
const spokenLanguages = ['ar', 'en', 'nl', 'de', 'uk', 'ru', 'tr', 'es', 'fa', 'ps', 'ti', 'so', 'ln', 'sq', 'ro', 'pl', 'it', 'pt', 'sgn-BE-fr'];

export const load: PageServerLoad = async (event) => {
	const row = await loadWorkingService(event.params.id);
	const actor = authorize(event, directoryRules['service.list'], row);
	const municipalities = await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities();
	return {
		service: { id: row.id, organisationId: row.organisationId, status: row.status, isPublic: row.published !== null, lastVerifiedAt: row.lastVerifiedAt },
		values: await editing().formValues(row.id),
		history: await editing().historyOf(row.id),
		canEdit: can(actor, directoryRules['service.edit'], row),
		canVerify: can(actor, directoryRules['service.verify'], row),
		needs: needs.map((n) => ({ id: n.id, children: (n.children ?? []).map((c) => c.id) })),
		accessModes,
		spokenLanguages,
		municipalities: municipalities.map((m) => ({ nisCode: m.nisCode, name: m.nameFr, arrondissement: m.arrondissement })),
		organisationLocations: await editing().organisationLocations(row.organisationId, row.id)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const row = await loadWorkingService(event.params.id);
		const actor = authorize(event, directoryRules['service.edit'], row);
		const form = readServiceForm(await event.request.formData());
		Object.assign(form.errors, await editing().locationErrors(row.organisationId, row.id, form.raw.locations));
		// Refused field by field, with everything typed kept.
		if (!form.data || Object.keys(form.errors).length) return fail(400, { errors: form.errors, values: { ...form.raw, hours: Object.fromEntries(form.raw.hours.map((h) => [`hours${h.weekday}`, h.text])) } });
		await editing().save(row.id, form.data, form.slots, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		return { saved: true };
	},
	submit: async (event) => {
		const row = await loadWorkingService(event.params.id);
		const actor = authorize(event, directoryRules['service.edit'], row);
		if (!['draft', 'returned'].includes(row.status)) return fail(409, { error: 'pro.services.nothingToSubmit' });
		await editing().submit(row.id, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		return { submitted: true };
	},
	verify: async (event) => {
		const row = await loadWorkingService(event.params.id);
		const actor = authorize(event, directoryRules['service.verify'], row);
		await editing().markVerified(row.id, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		return { verified: true };
	}
};
