import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { isLocale, type Locale } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { attestable, attestationPdf, attestationRefusal, loadAttestation } from '$server/courses/courses.attestation';
import { coursesRules } from '$server/courses/courses.policy';
import { openCourse } from '$server/courses/load-course';
import { requestContext } from '$server/http/guard';
import type { RequestHandler } from './$types';

// A trainee's attendance attestation: in the person's language, or another with ?lang=xx.
export const GET: RequestHandler = async (event) => {
	const { actor, course } = await openCourse(event, event.params.id, coursesRules['enrolment.view']);
	if (!z.uuid().safeParse(event.params.eid).success) error(404, 'Not Found');
	const db = runtime().database.db;
	const now = new Date();
	const loaded = await loadAttestation(db, course, event.params.eid, now);
	if (!loaded) error(404, 'Not Found');
	const back = `/${event.locals.locale}/pro/cours/${course.id}/inscriptions`;
	const asked = event.url.searchParams.get('lang');
	if (asked !== null && !isLocale(asked)) return attestationRefusal(event.locals.locale, 400, 'courses.register.attestation.badLanguage', back);
	const locale: Locale = asked ?? (isLocale(loaded.person.locale) ? loaded.person.locale : 'fr');
	const audit = { actorUserId: actor.userId, organisationId: course.organisationId, action: 'enrolment.attestation_printed', subjectType: 'enrolment', subjectId: loaded.person.id, purpose: 'attestation', ipHash: requestContext(event).ipHash, details: { courseId: course.id, locale } };
	if (!attestable(loaded.person.status)) {
		await recordAudit(db, { ...audit, action: 'enrolment.viewed', details: { courseId: course.id, status: loaded.person.status } });
		return attestationRefusal(event.locals.locale, 409, 'courses.register.attestation.notInClass', back);
	}
	const pdf = await attestationPdf({ course, person: loaded.person, organisation: loaded.organisation, hours: loaded.hours, locale, now });
	await recordAudit(db, audit);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="attestation-${course.id.slice(0, 8)}-${loaded.person.id.slice(0, 8)}-${locale}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
