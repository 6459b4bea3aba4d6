import { isLocale } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { attestationAllowed, attestationPdf, attestationRefusal } from '$server/cases/cases.parcours.attestation';
import { parcoursRules } from '$server/cases/cases.parcours.policy';
import { createParcours } from '$server/cases/cases.parcours.usecases';
import { openCaseFile } from '$server/cases/load-case-file';
import { requestContext } from '$server/http/guard';
import { operator } from '$server/instance/instance';
import type { RequestHandler } from './$types';

// The attestation de fréquentation: in French, or in one of the 12 languages with ?lang=xx.
export const GET: RequestHandler = async (event) => {
	const { file, actor, access } = await openCaseFile(event, event.params.id, { rule: parcoursRules.attestation, audit: false });
	const back = `/${event.locals.locale}/pro/dossiers/${file.id}/parcours`;
	const asked = event.url.searchParams.get('lang');
	if (asked !== null && !isLocale(asked)) return attestationRefusal(event.locals.locale, 400, 'pro.parcours.attestation.badLanguage', back);
	const locale = asked ?? 'fr';
	const db = runtime().database.db;
	const p = createParcours({ db, cutoff: runtime().config.parcoursDeadlineCutoff });
	const [view, organisations] = await Promise.all([p.view(file.id), p.organisations()]);
	const audit = (section: string) => ({ actorUserId: actor.userId, organisationId: access.organisationId, action: 'case_file.viewed', subjectType: 'case_file', subjectId: file.id, section, purpose: 'attestation', ipHash: requestContext(event).ipHash, details: { owner: access.owner } });
	if (!attestationAllowed(view.steps)) {
		await recordAudit(db, audit('parcours'));
		return attestationRefusal(event.locals.locale, 409, 'pro.parcours.attestation.notYet', back);
	}
	const now = new Date();
	const pdf = await attestationPdf({ file, steps: view.steps, organisations: new Map(organisations.map((o) => [o.id, o.name])), operator, locale, now });
	// The PDF shows two sections: one audit row for each.
	await recordAudit(db, audit('identity'), audit('parcours'));
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="attestation-parcours-${file.id.slice(0, 8)}-${locale}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
