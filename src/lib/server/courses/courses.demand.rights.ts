import { asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import { registerErasureStep } from '../cases/rights/erasure-steps';
import { registerExportPart } from '../cases/rights/export-parts';
import { course, enrolment } from './courses.table';

// A file's course requests and places in the person's export (GDPR art. 15) and erasure (art. 17).

export async function exportFileEnrolments(db: Database, caseFileId: string) {
	return db
		.select({
			id: enrolment.id,
			course: course.title,
			organisation: organisation.name,
			status: enrolment.status,
			source: enrolment.source,
			requestedAt: enrolment.requestedAt,
			enrolledAt: enrolment.enrolledAt,
			endedAt: enrolment.endedAt,
			needsChildcare: enrolment.needsChildcare,
			interpreterLanguage: enrolment.interpreterLanguage,
			elsewhereConsentAt: enrolment.elsewhereConsentAt
		})
		.from(enrolment)
		.innerJoin(course, eq(course.id, enrolment.courseId))
		.innerJoin(organisation, eq(organisation.id, enrolment.organisationId))
		.where(eq(enrolment.caseFileId, caseFileId))
		.orderBy(asc(enrolment.requestedAt));
}

/** Names and contacts of the file's enrolments go; statuses, dates and needs stay for the counts. */
export async function eraseFileEnrolments(tx: Database, caseFileId: string): Promise<number> {
	const rows = await tx.update(enrolment).set({ firstName: null, lastName: null, email: null, phone: null, updatedAt: new Date() }).where(eq(enrolment.caseFileId, caseFileId)).returning({ id: enrolment.id });
	return rows.length;
}

registerExportPart({
	key: 'courses',
	title: 'courses.demand.rights.title',
	order: 55,
	async load(db, caseFileId, ctx) {
		const rows = await exportFileEnrolments(db, caseFileId);
		const t = ctx.t;
		return {
			data: rows.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString(), enrolledAt: r.enrolledAt?.toISOString() ?? null, endedAt: r.endedAt?.toISOString() ?? null, elsewhereConsentAt: r.elsewhereConsentAt?.toISOString() ?? null })),
			blocks: rows.length
				? [
						{
							kind: 'table',
							columns: [t('courses.demand.course'), t('courses.demand.organisation'), t('courses.demand.status'), t('courses.demand.requestedOn')],
							rows: rows.map((r) => [r.course, r.organisation, t(`courses.enrolment.status.${r.status}`), ctx.date(r.requestedAt)]),
							widths: [3, 3, 2, 2]
						}
					]
				: []
		};
	}
});

registerErasureStep({
	key: 'courses',
	order: 55,
	async run(tx: Database, caseFileId: string) {
		return { enrolments: await eraseFileEnrolments(tx, caseFileId) };
	}
});
