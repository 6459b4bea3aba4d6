import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import type { CaseSection } from './cases.sections';
import { caseFile } from './cases.table';

/** Who acts on a file, for the audit trail: the account, the organisation it acts for, its address hash. */
export type CaseActor = { userId: string; organisationId: string; ipHash?: string | null };

/**
 * Records a change of a file (one timeline row: subject the file, the section concerned, ids and
 * codes only) and bumps its last activity. Call inside the change's transaction.
 */
export async function recordCaseChange(
	tx: Database,
	actor: CaseActor,
	caseFileId: string,
	section: CaseSection | null,
	action: string,
	details: Record<string, string | number | boolean | null> = {}
): Promise<void> {
	await recordAudit(tx, {
		actorUserId: actor.userId,
		organisationId: actor.organisationId,
		action,
		subjectType: 'case_file',
		subjectId: caseFileId,
		section,
		ipHash: actor.ipHash ?? null,
		details
	});
	await tx.update(caseFile).set({ lastActivityAt: sql`now()` }).where(eq(caseFile.id, caseFileId));
}

/**
 * Records the read of several sections of a file (one 'case_file.viewed' row per section), for
 * pages that show more than one section (null: the file without a section); `owner` says whether
 * the reader belongs to the owner organisation.
 */
export async function recordSectionReads(
	db: Database,
	actor: CaseActor,
	caseFileId: string,
	sections: readonly (CaseSection | null)[],
	{ purpose = 'view', owner, details = {} }: { purpose?: string; owner: boolean; details?: Record<string, string | number | boolean | null> }
): Promise<void> {
	await recordAudit(
		db,
		...sections.map((section) => ({
			actorUserId: actor.userId,
			organisationId: actor.organisationId,
			action: 'case_file.viewed',
			subjectType: 'case_file',
			subjectId: caseFileId,
			section,
			purpose,
			ipHash: actor.ipHash ?? null,
			details: { owner, ...details }
		}))
	);
}
