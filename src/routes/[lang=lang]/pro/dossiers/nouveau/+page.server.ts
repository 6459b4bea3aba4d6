import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { createCaseFilesRepository } from '$server/cases/cases.files.repository';
import { createFileSchema, preferredLanguageChoices } from '$server/cases/cases.files.schemas';
import { createCaseFiles } from '$server/cases/cases.files.usecases';
import { casesRules } from '$server/cases/cases.policy';
import { formObject, keepValues } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { fieldErrors } from '$server/identity/identity.schemas';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { decide, type Actor } from '$server/policy/policy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/** The organisations the actor may open a file for (rule cases.file.create); the first is checked by authorize. */
function creatableOrganisations(event: RequestEvent) {
	const actor: Actor = event.locals.actor;
	const ids = actor.kind === 'user' ? [...actor.memberships.keys()].filter((o) => decide(actor, casesRules['file.create'], { organisationId: o }) !== false) : [];
	// No organisation at all: authorize refuses (403), or sends anonymous visitors to sign in.
	const actorChecked = authorize(event, casesRules['file.create'], { organisationId: ids[0] ?? '' });
	return { actor: actorChecked, ids };
}

async function formData(organisationIds: string[]) {
	const db = runtime().database.db;
	const names = new Map((await createIdentityRepository({ db }).organisations.list(organisationIds)).map((o) => [o.id, o.name]));
	return {
		organisations: organisationIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		workers: await createCaseFilesRepository({ db }).assignableWorkers(organisationIds),
		municipalities: (await createTerritoryRepository({ db }).listMunicipalities()).map((m) => ({ nisCode: m.nisCode, name: m.nameFr })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		languages: preferredLanguageChoices
	};
}

export const load: PageServerLoad = async (event) => {
	const { actor, ids } = creatableOrganisations(event);
	return { ...(await formData(ids)), me: actor.userId };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor, ids } = creatableOrganisations(event);
		const values = formObject(await event.request.formData(), ['preferredLanguages']);
		const parsed = createFileSchema().safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error, 'pro.'), values: keepValues(values) });
		const data = parsed.data;
		// The organisation chosen must be one the actor may open files for.
		const organisationId = data.organisationId;
		authorize(event, casesRules['file.create'], { organisationId });
		if (!ids.includes(organisationId)) return fail(400, { errors: { organisationId: 'pro.cases.errors.organisation' }, values: keepValues(values) });
		if (data.nisCode && !(await createTerritoryRepository({ db: runtime().database.db }).byNisCode(data.nisCode))) return fail(400, { errors: { nisCode: 'pro.errors.municipality' }, values: keepValues(values) });
		const workers = await createCaseFilesRepository({ db: runtime().database.db }).assignableWorkers([organisationId]);
		if (data.assignedUserId && !workers.some((w) => w.userId === data.assignedUserId)) return fail(400, { errors: { assignedUserId: 'pro.cases.errors.worker' }, values: keepValues(values) });
		const { seen, createAnyway, organisationId: _org, ...identity } = data;
		const result = await createCaseFiles({ db: runtime().database.db }).create(identity, { actorUserId: actor.userId, organisationId, ipHash: requestContext(event).ipHash }, { seen, createAnyway });
		if (!result.created) {
			// Possible duplicates: shown with links, never merged; "create anyway" confirms these ones.
			return fail(409, {
				values: keepValues(values),
				duplicates: result.duplicates.map((d) => ({ id: d.id, name: [d.firstName, d.lastName].filter(Boolean).join(' '), birthYear: d.birthYear, municipality: d.municipalityName, status: d.status })),
				seen: result.duplicates.map((d) => d.id).join(',')
			});
		}
		redirect(303, `/${event.locals.locale}/pro/dossiers/${result.id}?created=1`);
	}
};
