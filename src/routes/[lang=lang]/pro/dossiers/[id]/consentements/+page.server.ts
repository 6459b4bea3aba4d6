import { fail, type RequestEvent } from '@sveltejs/kit';
import { consentLanguages, consentPurposes, DEFAULT_CONSENT_MONTHS } from '$lib/cases/consents';
import { runtime } from '$server/app/runtime';
import { consentFormArrays, consentFormSchema, MAX_CONSENT_MONTHS, revokeSchema } from '$server/cases/cases.consents.schemas';
import { createConsents } from '$server/cases/cases.consents.usecases';
import { addMonths, brusselsDay } from '$server/cases/cases.dates';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { caseSections, sectionSensitivity } from '$server/cases/cases.sections';
import { openCaseFile } from '$server/cases/load-case-file';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// Consents are the owner's: its admins, coordinators and workers (cases.file.manage).
export const load: PageServerLoad = async (event) => {
	const { file, access } = await openCaseFile(event, event.params.id, { rule: casesRules['file.manage'], purpose: 'consents' });
	const db = runtime().database.db;
	const consents = createConsents({ db });
	const now = new Date();
	const today = brusselsDay(now);
	const list = await consents.listForFile(file.id, now);
	const revokeId = event.url.searchParams.get('revoke');
	const preferred = file.preferredLanguages.find((l) => consentLanguages.includes(l));
	return {
		header: await presentCaseHeader(db, file, access),
		consents: list,
		organisations: await consents.organisationsBesides(file.ownerOrganisationId),
		purposes: consentPurposes,
		sections: caseSections.map((s) => ({ key: s, sensitivity: sectionSensitivity[s] })),
		languages: consentLanguages,
		defaults: { givenOn: today, expiresOn: addMonths(today, DEFAULT_CONSENT_MONTHS), language: preferred ?? event.locals.locale },
		maxMonths: MAX_CONSENT_MONTHS,
		// The confirmation step of a revocation (a link to ?revoke=<id>, then a form that confirms).
		confirmRevoke: list.find((c) => c.id === revokeId && c.state === 'active') ?? null
	};
};

const opened = async (event: RequestEvent<{ id: string; lang: string }>) => {
	// The change audits itself (consent.recorded / consent.revoked), not as a read.
	const { file, actor, access } = await openCaseFile(event, event.params.id, { rule: casesRules['file.manage'], audit: false });
	const ctx = { actorUserId: actor.userId, organisationId: access.organisationId, ipHash: requestContext(event).ipHash };
	return { file, ctx, consents: createConsents({ db: runtime().database.db }) };
};

export const actions: Actions = {
	record: async (event) => {
		const { file, ctx, consents } = await opened(event);
		const form = await parseForm(event.request, consentFormSchema(brusselsDay(new Date())), consentFormArrays);
		if (!form.ok) return form.failure;
		const result = await consents.record(file, form.data, ctx);
		if (!result.ok) return fail(400, { errors: result.errors, values: form.values });
		return { recorded: true };
	},
	revoke: async (event) => {
		const { file, ctx, consents } = await opened(event);
		const form = await parseForm(event.request, revokeSchema);
		if (!form.ok) return form.failure;
		const result = await consents.revoke(file.id, form.data.consentId, ctx);
		if (!result.ok) return fail(404, { error: 'pro.consents.notFound' });
		return { revoked: true, grants: result.grants, referrals: result.referrals };
	}
};
