import { fail } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { createTranslator } from '$lib/i18n/translator';
import { runtime } from '$server/app/runtime';
import { todayInBrussels } from '$server/cases/cases.parcours.deadline';
import { parcoursRules } from '$server/cases/cases.parcours.policy';
import { presentParcours } from '$server/cases/cases.parcours.presenter';
import { obligationFormSchema, readStepForm } from '$server/cases/cases.parcours.schemas';
import { createParcours, type SaveResult } from '$server/cases/cases.parcours.usecases';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { openCaseFile } from '$server/cases/load-case-file';
import { fieldErrors } from '$server/identity/identity.schemas';
import { formObject } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { messagesFor } from '$server/i18n/catalogues';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const csr = false;

const parcoursFor = () => createParcours({ db: runtime().database.db, cutoff: runtime().config.parcoursDeadlineCutoff });

// The Parcours tab: seen with the 'parcours' section (a grantee too), changed with section.edit.
export const load: PageServerLoad = async (event) => {
	const { file, access, actor, subject } = await openCaseFile(event, event.params.id, { section: 'parcours', purpose: 'view' });
	const p = parcoursFor();
	const locale = event.locals.locale;
	const t = createTranslator(locale, messagesFor(locale, ['pro.parcours.reason.']));
	const [view, reasons, organisations] = await Promise.all([p.view(file.id), p.reasons.list(), p.organisations()]);
	return {
		header: await presentCaseHeader(runtime().database.db, file, access),
		parcours: presentParcours(view, { reasons, organisations, locale, t, today: todayInBrussels() }),
		canEdit: can(actor, casesRules['section.edit'], { file: subject, section: 'parcours' }),
		canPrint: can(actor, parcoursRules.attestation, subject),
		cutoff: runtime().config.parcoursDeadlineCutoff,
		// The attestation may be printed in the person's language (their first UI language).
		personLanguage: access.sections.has('identity') ? (file.preferredLanguages.find(isLocale) ?? null) : null
	};
};

/** Opens the file for a change of its Parcours (404 when the actor may not change it). */
async function openForEdit(event: RequestEvent) {
	const opened = await openCaseFile(event, event.params.id, { section: 'parcours', rule: casesRules['section.edit'], audit: false });
	return { ...opened, ctx: { actorUserId: opened.actor.userId, organisationId: opened.access.organisationId, ipHash: requestContext(event).ipHash } };
}

/** A save's answer: refused field by field (400) or in conflict (409), what was typed kept either way. */
function answer<R extends { version: number }>(form: string, values: Record<string, string | string[]>, result: SaveResult<R>) {
	if (result.ok) return { form, saved: true };
	if ('conflict' in result) return fail(409, { form, conflict: true, values: { ...values, version: String(result.conflict.version) } });
	return fail(400, { form, errors: result.errors, values });
}

export const actions: Actions = {
	obligation: async (event) => {
		const { file, ctx } = await openForEdit(event);
		const values = formObject(await event.request.formData(), ['reasons']);
		const parsed = obligationFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { form: 'obligation', errors: fieldErrors(parsed.error), values });
		return answer('obligation', values, await parcoursFor().saveObligation(ctx, file.id, parsed.data));
	},
	step: async (event) => {
		const { file, ctx } = await openForEdit(event);
		const values = formObject(await event.request.formData());
		const form = `step:${typeof values.step === 'string' ? values.step.slice(0, 20) : ''}`;
		const parsed = readStepForm(values, todayInBrussels());
		if (!parsed.ok) return fail(400, { form, errors: parsed.errors, values });
		return answer(form, values, await parcoursFor().saveStep(ctx, file.id, parsed.data));
	}
};
