import type { RequestEvent } from '@sveltejs/kit';
import { runtime } from '../app/runtime';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { publicOrigin } from '../http/security-headers';
import { listCourseEnrolments, type EnrolmentView } from './courses.demand.repository';
import { createDemand } from './courses.demand.usecases';
import type { CourseRow } from './load-course';

/** The demand use-cases as a request sees them: the app's mailer, its public origin, COURSE_OFFER_DAYS. */
export function demandFor(event: RequestEvent) {
	const r = runtime();
	return createDemand({ db: r.database.db, mailer: r.mailer, origin: publicOrigin(event.url), offerDays: r.config.courseOfferDays });
}

export type EnrolmentItem = {
	id: string;
	status: string;
	source: string;
	name: string;
	email: string | null;
	phone: string | null;
	position: number | null;
	requestedAt: Date;
	offerExpiresAt: Date | null;
	enrolledAt: Date | null;
	endedAt: Date | null;
	endedReason: string | null;
	needsChildcare: boolean;
	interpreterLanguage: string | null;
	elsewhere: boolean;
	fromFile: boolean;
	/** The person comes from another organisation's waiting list (a seat offered here). */
	transferred: boolean;
};

const item = (e: EnrolmentView): EnrolmentItem => ({
	id: e.id,
	status: e.status,
	source: e.source,
	name: [e.displayFirstName, e.displayLastName].filter(Boolean).join(' ') || '—',
	email: e.contactEmail,
	phone: e.contactPhone,
	position: e.position,
	requestedAt: e.requestedAt,
	offerExpiresAt: e.offerExpiresAt,
	enrolledAt: e.enrolledAt,
	endedAt: e.endedAt,
	endedReason: e.endedReason,
	needsChildcare: e.needsChildcare,
	interpreterLanguage: e.interpreterLanguage,
	elsewhere: e.elsewhereConsentAt !== null,
	fromFile: e.caseFileId !== null,
	transferred: e.transferredFromId !== null
});

/**
 * A course's people in four groups (waiting with positions, offered with their last day, enrolled,
 * ended), read and audited in one transaction ('enrolments.viewed' on the course: ids only).
 */
export async function viewCourseEnrolments(db: Database, c: CourseRow, actorUserId: string, ipHash: string | null) {
	return db.transaction(async (t) => {
		const tx = t as unknown as Database;
		const rows = (await listCourseEnrolments(tx, c.id)).map(item);
		await recordAudit(tx, { actorUserId, organisationId: c.organisationId, action: 'enrolments.viewed', subjectType: 'course', subjectId: c.id, ipHash, details: { shown: rows.length } });
		const ended = rows.filter((r) => !['waiting', 'offered', 'enrolled'].includes(r.status)).sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0));
		return {
			waiting: rows.filter((r) => r.status === 'waiting'),
			offered: rows.filter((r) => r.status === 'offered'),
			enrolled: rows.filter((r) => r.status === 'enrolled').sort((a, b) => a.name.localeCompare(b.name, 'fr')),
			ended
		};
	});
}
