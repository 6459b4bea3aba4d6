import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { recordSectionReads } from '$server/cases/case-audit';
import { caseKeyring } from '$server/cases/case-keyring';
import { createCaseFacts } from '$server/cases/cases.facts.usecases';
import { caseNotesRules, factSections, type FactSection } from '$server/cases/cases.notes.policy';
import { caseActor, presentFacts } from '$server/cases/cases.notes.presenter';
import { factCodes, factSchema, MAX_FACT_TEXT_LENGTH } from '$server/cases/cases.notes.schemas';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { openCaseFile } from '$server/cases/load-case-file';
import { formObject } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { fieldErrors } from '$server/identity/identity.schemas';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// Residence status, health and legal facts: decrypted and audited only when this page is opened
// (the notes page links here), by those who see these sections.
export const load: PageServerLoad = async (event) => {
	const { actor, file, subject, access } = await openCaseFile(event, event.params.id, { rule: caseNotesRules['facts.view'], audit: false });
	const db = runtime().database.db;
	const sections = factSections.filter((s) => access.sections.has(s));
	await recordSectionReads(db, caseActor(actor, access, requestContext(event).ipHash), file.id, sections, { owner: access.owner });
	const facts = await createCaseFacts({ db, keys: caseKeyring() }).get(file.id, access.sections);
	const done = event.url.searchParams.get('ok');
	return {
		header: await presentCaseHeader(db, file, access),
		facts: presentFacts(facts, access, { actor, subject }),
		codes: factCodes,
		maxText: MAX_FACT_TEXT_LENGTH,
		done: (factSections as readonly string[]).includes(done ?? '') ? done : null
	};
};

export const actions: Actions = {
	/** One section, from the version the form showed; a colleague's save in between is a conflict, nothing lost. */
	save: async (event) => {
		const { actor, file, subject, access } = await openCaseFile(event, event.params.id, { rule: caseNotesRules['facts.view'], audit: false });
		const values = formObject(await event.request.formData());
		const section = (factSections as readonly string[]).includes(String(values.section)) ? (values.section as FactSection) : null;
		if (!section) return fail(400, { section: null, errors: { form: 'pro.errors.invalid' }, values });
		authorize(event, casesRules['section.edit'], { file: subject, section }, { hide: true });
		const parsed = factSchema(section).safeParse(values);
		if (!parsed.success) return fail(400, { section, errors: fieldErrors(parsed.error, 'pro.'), values });
		const db = runtime().database.db;
		const facts = createCaseFacts({ db, keys: caseKeyring() });
		const { version, ...data } = parsed.data;
		const result = await facts.save(file.id, section, data, version, caseActor(actor, access, requestContext(event).ipHash));
		if (!result.ok) {
			const current = (await facts.get(file.id, new Set([section])))[section] ?? null;
			return fail(409, { section, errors: { form: 'pro.cases.facts.conflict' }, conflict: current, values: { ...values, version: String(current?.version ?? 0) } });
		}
		redirect(303, `/${event.locals.locale}/pro/dossiers/${file.id}/notes/situation?ok=${section}#fact-${section}`);
	}
};
