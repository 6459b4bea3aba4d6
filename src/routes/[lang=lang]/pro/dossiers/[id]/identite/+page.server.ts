import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { presentIdentity } from '$server/cases/cases.files.presenter';
import { createCaseFilesRepository } from '$server/cases/cases.files.repository';
import { editIdentitySchema, identityFields, preferredLanguageChoices } from '$server/cases/cases.files.schemas';
import { changedFields, createCaseFiles, identityOf, same, type IdentityValues } from '$server/cases/cases.files.usecases';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { openCaseFile } from '$server/cases/load-case-file';
import { formObject, keepValues } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { fieldErrors } from '$server/identity/identity.schemas';
import { can, decide } from '$server/policy/policy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/** The saved values as the form shows them (strings, arrays). */
function asForm(values: IdentityValues): Record<string, unknown> {
	return { ...values, birthYear: values.birthYear === null ? '' : String(values.birthYear) };
}

export const load: PageServerLoad = async (event) => {
	const { actor, file, subject, access } = await openCaseFile(event, event.params.id, { section: 'identity', purpose: 'view' });
	const db = runtime().database.db;
	const canEdit = can(actor, casesRules['section.edit'], { file: subject, section: 'identity' });
	const repo = createCaseFilesRepository({ db });
	const municipalities = (await createTerritoryRepository({ db }).listMunicipalities()).map((m) => ({ nisCode: m.nisCode, name: m.nameFr })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return {
		header: await presentCaseHeader(db, file, access),
		identity: presentIdentity(file, municipalities.find((m) => m.nisCode === file.nisCode)?.name ?? null, access.owner ? await repo.userName(file.assignedUserId) : null),
		version: file.version,
		/** What the form started from: on a conflict, the fields someone else changed are told apart. */
		base: JSON.stringify(identityOf(file)),
		values: asForm(identityOf(file)),
		canEdit,
		closed: file.status !== 'open',
		municipalities: canEdit ? municipalities : [],
		workers: canEdit ? await repo.assignableWorkers([file.ownerOrganisationId]) : [],
		languages: preferredLanguageChoices
	};
};

export const actions: Actions = {
	// A correction of the identity, refused if someone saved the file meanwhile (nothing typed is lost).
	save: async (event) => {
		const { actor, file, subject, access } = await openCaseFile(event, event.params.id, { section: 'identity', audit: false });
		const values = formObject(await event.request.formData(), ['preferredLanguages']);
		if (file.status !== 'open' && decide(actor, casesRules['section.edit'], { file: { ...subject, status: 'open' }, section: 'identity' }) === true) {
			// Closed while the person was typing: say so and keep what they typed.
			return fail(409, { closed: true, values: keepValues(values) });
		}
		authorize(event, casesRules['section.edit'], { file: subject, section: 'identity' }, { hide: true });
		const parsed = editIdentitySchema().safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error, 'pro.'), values: keepValues(values) });
		const { version, ...input } = parsed.data;
		if (input.assignedUserId && !(await createCaseFilesRepository({ db: runtime().database.db }).assignableWorkers([file.ownerOrganisationId])).some((w) => w.userId === input.assignedUserId))
			return fail(400, { errors: { assignedUserId: 'pro.cases.errors.worker' }, values: keepValues(values) });
		const result = await createCaseFiles({ db: runtime().database.db }).saveIdentity(file.id, version, input, { actorUserId: actor.userId, organisationId: access.organisationId, ipHash: requestContext(event).ipHash });
		if (result.saved) return { saved: true, fields: result.fields };
		if (result.reason === 'closed') return fail(409, { closed: true, values: keepValues(values) });
		// Someone saved meanwhile: what they changed (since the version this form started from), and what this person typed.
		let base: Partial<IdentityValues> | null = null;
		try {
			base = JSON.parse(String(values.base ?? ''));
		} catch {
			/* unknown base: every difference with what was typed is shown */
		}
		const current = identityOf(result.current);
		const changed = base && typeof base === 'object' ? changedFields({ ...current, ...Object.fromEntries(identityFields.filter((f) => f in base!).map((f) => [f, base![f]])) }, current) : changedFields(input, current);
		const theirs = presentIdentity(result.current, null, null);
		// Fields this person left as they were take the other's new value; the ones they changed keep what they typed.
		const typed = input as Record<string, unknown>;
		const merged: Record<string, unknown> = keepValues(values);
		const saved = asForm(current);
		if (base) for (const f of changed) if (same(typed[f], base[f])) merged[f] = saved[f];
		return fail(409, {
			conflict: {
				changedBy: result.changedBy ? { name: result.changedBy.name, at: result.changedBy.at } : null,
				fields: changed.map((f) => ({ field: f, saved: theirs[f] ?? null, typed: typed[f] ?? null, mine: !base || !same(typed[f], base[f]) }))
			},
			version: result.current.version,
			base: JSON.stringify(current),
			values: merged
		});
	}
};
