import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { openCaseFile } from '$server/cases/load-case-file';
import { anonymiseCaseFile } from '$server/cases/rights/anonymise.usecases';
import { exportParts } from '$server/cases/rights/export-parts';
import '$server/cases/rights/parts';
import { fileReference, matchesReference } from '$server/cases/rights/reference';
import { documentLocale } from '$server/cases/rights/rights.pdf';
import { formObject } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// The person's rights on their file: a copy of everything (PDF and JSON, in their language),
// correction (the identity tab), erasure by anonymisation. Owner admins and coordinators only.
export const load: PageServerLoad = async (event) => {
	const { file, access } = await openCaseFile(event, event.params.id, { rule: casesRules['file.rights'], purpose: 'rights' });
	return {
		header: await presentCaseHeader(runtime().database.db, file, access),
		reference: fileReference(file.id),
		anonymisedAt: file.anonymisedAt,
		done: event.url.searchParams.get('done') === 'anonymised',
		canCorrect: file.status === 'open',
		exportLanguage: documentLocale(file.preferredLanguages),
		parts: exportParts().map((p) => p.title),
		retentionYears: runtime().config.caseRetentionYears
	};
};

const erasureForm = z.object({ reference: z.string().max(100).default('') });

export const actions: Actions = {
	// The confirmation is the file's reference, typed: an erasure cannot be undone.
	anonymise: async (event) => {
		const { actor, file } = await openCaseFile(event, event.params.id, { rule: casesRules['file.rights'], audit: false });
		const values = erasureForm.parse(formObject(await event.request.formData()));
		if (file.status === 'anonymised') return fail(409, { errors: { reference: 'pro.cases.rights.erase.errors.already' }, values });
		if (!matchesReference(values.reference, file.id)) return fail(400, { errors: { reference: 'pro.cases.rights.erase.errors.reference' }, values });
		const result = await anonymiseCaseFile(runtime().database.db, file.id, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash, purpose: 'erasure', now: new Date() });
		if (result.status === 'already') return fail(409, { errors: { reference: 'pro.cases.rights.erase.errors.already' }, values });
		redirect(303, `/${event.locals.locale}/pro/dossiers/${file.id}/droits?done=anonymised`);
	}
};
