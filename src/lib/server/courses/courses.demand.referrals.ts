import { error, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { isLocale } from '$lib/i18n/locales';
import { runtime } from '../app/runtime';
import { referralRules } from '../cases/cases.referrals.policy';
import { referral } from '../cases/cases.referrals.table';
import { caseFile } from '../cases/cases.table';
import { authorize, requestContext } from '../http/guard';
import { coursesRules } from './courses.policy';
import { demandFor } from './courses.demand.presenter';
import { referralRequestSchema } from './courses.demand.schemas';
import { openCourse } from './load-course';

export const referralCourseSchema = referralRequestSchema;

/**
 * "Inscrire à un cours" on an accepted referral: the receiving organisation turns it into a request
 * for one of its own courses (source 'referral', linked to the referral and the file). Refused (404)
 * unless the actor answers for the receiving organisation and may manage that course's enrolments.
 */
export async function referralCourseRequest(event: RequestEvent, data: { referralId: string; courseId: string }) {
	const db = runtime().database.db;
	const [r] = await db.select({ id: referral.id, toOrganisationId: referral.toOrganisationId, status: referral.status, caseFileId: referral.caseFileId }).from(referral).where(eq(referral.id, data.referralId));
	if (!r) error(404, 'Not Found');
	authorize(event, referralRules['referral.respond'], { id: r.id, toOrganisationId: r.toOrganisationId, status: r.status }, { hide: true });
	if (r.status !== 'accepted') return { ok: false as const, error: 'courses.demand.errors.referralNotAccepted' };
	const { actor, course } = await openCourse(event, data.courseId, coursesRules['enrolment.manage']);
	if (course.organisationId !== r.toOrganisationId) error(404, 'Not Found');
	const [file] = await db.select({ preferredLanguages: caseFile.preferredLanguages, nisCode: caseFile.nisCode, status: caseFile.status }).from(caseFile).where(eq(caseFile.id, r.caseFileId));
	if (!file || file.status !== 'open') return { ok: false as const, error: 'courses.demand.errors.fileClosed' };
	return demandFor(event).request(
		course.id,
		{ source: 'referral', caseFileId: r.caseFileId, referralId: r.id, locale: file.preferredLanguages.find(isLocale) ?? 'fr', nisCode: file.nisCode },
		{ actorUserId: actor.userId, organisationId: r.toOrganisationId, ipHash: requestContext(event).ipHash }
	);
}
