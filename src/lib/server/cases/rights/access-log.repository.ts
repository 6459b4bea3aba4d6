import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { auditEvent } from '../../audit/audit.table';
import type { Database } from '../../db/client';
import { organisation, userAccount } from '../../identity/identity.table';

/**
 * "Who accessed this file": every audit row about the file (reads by openCaseFile, every change
 * recorded with subjectType 'case_file' and the file's id), newest first, with the name of the
 * worker and of the organisation they acted for. Served by the (subject_type, subject_id) index.
 */
export type AccessLogEntry = {
	id: number;
	at: Date;
	actorUserId: string | null;
	actorName: string | null;
	organisationId: string | null;
	organisationName: string | null;
	action: string;
	section: string | null;
	purpose: string | null;
};

export async function listFileAccess(db: Database, caseFileId: string, { before, limit }: { before?: number; limit?: number } = {}): Promise<AccessLogEntry[]> {
	const conditions: SQL[] = [eq(auditEvent.subjectType, 'case_file'), eq(auditEvent.subjectId, caseFileId)];
	if (before) conditions.push(lt(auditEvent.id, before));
	const query = db
		.select({
			id: auditEvent.id,
			at: auditEvent.at,
			actorUserId: auditEvent.actorUserId,
			actorName: userAccount.name,
			organisationId: auditEvent.organisationId,
			organisationName: organisation.name,
			action: auditEvent.action,
			section: auditEvent.section,
			purpose: auditEvent.purpose
		})
		.from(auditEvent)
		.leftJoin(userAccount, eq(userAccount.id, auditEvent.actorUserId))
		.leftJoin(organisation, eq(organisation.id, auditEvent.organisationId))
		.where(and(...conditions))
		.orderBy(desc(auditEvent.id));
	return limit ? query.limit(limit) : query;
}
