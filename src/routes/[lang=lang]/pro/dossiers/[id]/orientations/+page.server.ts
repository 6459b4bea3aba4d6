import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { createReferralMail } from '$server/cases/cases.referrals.notify';
import { presentFileReferrals } from '$server/cases/cases.referrals.presenter';
import { createReferralsRepository } from '$server/cases/cases.referrals.repository';
import { referralFormArrays, referralFormSchema } from '$server/cases/cases.referrals.schemas';
import { createReferrals } from '$server/cases/cases.referrals.usecases';
import { caseSections } from '$server/cases/cases.sections';
import { openCaseFile } from '$server/cases/load-case-file';
import { needs } from '$server/directory/taxonomy';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { publicOrigin } from '$server/http/security-headers';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// Referrals of a file: its owner sends them (under the person's consent) and reads the outcomes.
export const load: PageServerLoad = async (event) => {
	const { file, access } = await openCaseFile(event, event.params.id, { rule: casesRules['file.manage'], purpose: 'referrals' });
	const db = runtime().database.db;
	const repo = createReferralsRepository({ db });
	const locale = event.locals.locale;
	return {
		header: await presentCaseHeader(db, file, access),
		referrals: presentFileReferrals(await repo.listForFile(file.id, locale)),
		targets: await repo.targets(file, locale),
		needs: needs.map((n) => ({ id: n.id, children: (n.children ?? []).map((c) => c.id) })),
		sections: caseSections,
		open: file.status === 'open'
	};
};

export const actions: Actions = {
	send: async (event) => {
		const { file, actor, access } = await openCaseFile(event, event.params.id, { rule: casesRules['file.manage'], audit: false });
		const form = await parseForm(event.request, referralFormSchema, referralFormArrays);
		if (!form.ok) return form.failure;
		const db = runtime().database.db;
		const result = await createReferrals({ db }).send(file, form.data, { actorUserId: actor.userId, organisationId: access.organisationId, ipHash: requestContext(event).ipHash });
		// Refused: the reason next to its field, and everything typed kept.
		if (!result.ok) return fail(400, { errors: result.errors, values: form.values });
		await createReferralMail({ db, mailer: runtime().mailer, origin: publicOrigin(event.url) }).notify(result.toOrganisationId, 'received');
		return { sent: true };
	}
};
