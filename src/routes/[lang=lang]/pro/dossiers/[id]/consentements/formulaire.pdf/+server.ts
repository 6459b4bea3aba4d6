import { runtime } from '$server/app/runtime';
import { casesRules } from '$server/cases/cases.policy';
import { parseConsentFormQuery } from '$server/cases/cases.consents.schemas';
import { consentFormBadRequest, consentFormFacts, consentFormData, renderConsentForm } from '$server/cases/consent-form';
import { openCaseFile } from '$server/cases/load-case-file';
import type { RequestHandler } from './$types';

// The consent form to print and sign, in the person's language: the owner's workers only, and
// the read of the person's name it prints is audited (purpose "print").
export const GET: RequestHandler = async (event) => {
	const { file, access } = await openCaseFile(event, event.params.id, { rule: casesRules['file.manage'], section: 'identity', purpose: 'print' });
	const parsed = parseConsentFormQuery(event.url.searchParams, event.locals.locale);
	if (!parsed.ok) return consentFormBadRequest(event.locals.locale, parsed.error, file.id);
	const now = new Date();
	const facts = await consentFormFacts(runtime().database.db, file, access, parsed.request.organisationIds);
	if (!facts) return consentFormBadRequest(event.locals.locale, 'pro.errors.consent.unknownOrganisation', file.id);
	const pdf = await renderConsentForm(consentFormData(parsed.request, facts, now), now);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="consentement-${parsed.request.purpose}-${parsed.request.language}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
