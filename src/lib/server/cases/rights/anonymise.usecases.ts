import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { logger } from '../../log/logger';
import { caseFile, caseGrant, consent } from '../cases.table';
import type { CaseFileRow } from '../cases.scope';
import { erasureSteps } from './erasure-steps';
import './parts';

/**
 * Erasure by anonymisation (GDPR art. 17), on a person's request or by the retention job. In one
 * transaction: every registered erasure step (notes, documents, Parcours…), then the file itself.
 * What remains is what statistics count, and nothing that names or reaches the person:
 * - case_file: first name "Anonyme", no last name, no birth date, no contact, no languages, no
 *   worker; the municipality is kept (counts per municipality are the Plan Local d'Intégration's
 *   first figure, and a municipality has thousands of inhabitants) and the birth year is
 *   generalised to its five-year band (1987 → 1985: age bands still count, while the exact year,
 *   which with the municipality and a rare language can single a person out, is gone);
 *   status 'anonymised', anonymised_at, closed_at (now if it was still open), dates of the file kept;
 * - consent: kept as counts per purpose and date given: organisations, sections, language,
 *   interpreter, expiry and the workers who recorded or revoked it are removed;
 * - case_grant: every active grant revoked ('file_anonymised'), so no other organisation sees
 *   the file any longer (caseAccess shows an anonymised file to the owner's admins and
 *   coordinators only);
 * - audit_event: untouched (append-only, and it never held names or typed text: ids and codes).
 */
export const ANONYMOUS_FIRST_NAME = 'Anonyme';

export type AnonymiseContext = {
	actorUserId: string | null;
	ipHash: string | null;
	/** erasure (the person asked) or retention (the period after closing passed). */
	purpose: 'erasure' | 'retention';
	now: Date;
};

export type AnonymiseResult = { status: 'anonymised'; counts: Record<string, number> } | { status: 'already' } | { status: 'missing' };

/** The five-year band a birth year falls in (its first year), from the year or the birth date. */
export function birthYearBand(birthYear: number | null, birthDate: string | null): number | null {
	const year = birthYear ?? (birthDate ? Number(birthDate.slice(0, 4)) : null);
	return year === null || !Number.isFinite(year) ? null : year - (((year % 5) + 5) % 5);
}

/** Anonymises a file locked by the caller's transaction; returns the counts written into the audit row. */
export async function anonymiseLocked(tx: Database, file: CaseFileRow, ctx: AnonymiseContext): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const step of erasureSteps()) {
		const stepCounts = await step.run(tx, file.id);
		for (const [name, n] of Object.entries(stepCounts ?? {})) counts[`${step.key}_${name}`] = n;
	}
	const consents = await tx
		.update(consent)
		.set({
			organisationIds: sql`'{}'::uuid[]`,
			sections: sql`'{}'::text[]`,
			language: 'und',
			interpreter: false,
			expiresOn: null,
			recordedBy: null,
			revokedBy: null,
			revokedAt: sql`coalesce(${consent.revokedAt}, ${ctx.now.toISOString()}::timestamptz)`,
			updatedAt: ctx.now
		})
		.where(eq(consent.caseFileId, file.id))
		.returning({ id: consent.id });
	const grants = await tx
		.update(caseGrant)
		.set({ revokedAt: ctx.now, revokedReason: 'file_anonymised' })
		.where(and(eq(caseGrant.caseFileId, file.id), isNull(caseGrant.revokedAt)))
		.returning({ id: caseGrant.id });
	await tx
		.update(caseFile)
		.set({
			firstName: ANONYMOUS_FIRST_NAME,
			lastName: null,
			pseudonymous: false,
			birthYear: birthYearBand(file.birthYear, file.birthDate),
			birthDate: null,
			preferredLanguages: sql`'{}'::text[]`,
			phone: null,
			email: null,
			assignedUserId: null,
			createdBy: null,
			status: 'anonymised',
			closedAt: file.closedAt ?? ctx.now,
			anonymisedAt: ctx.now,
			version: sql`${caseFile.version} + 1`,
			lastActivityAt: ctx.now,
			updatedAt: ctx.now
		})
		.where(eq(caseFile.id, file.id));
	counts.consents = consents.length;
	counts.grants_revoked = grants.length;
	await recordAudit(tx, {
		actorUserId: ctx.actorUserId,
		organisationId: file.ownerOrganisationId,
		action: 'case_file.anonymised',
		subjectType: 'case_file',
		subjectId: file.id,
		section: null,
		purpose: ctx.purpose,
		ipHash: ctx.ipHash,
		details: counts
	});
	return counts;
}

/** What cannot be undone by a transaction (files on disk), once the anonymisation is committed. */
export async function afterErasure(db: Database, caseFileId: string): Promise<void> {
	for (const step of erasureSteps()) {
		if (!step.afterCommit) continue;
		try {
			await step.afterCommit(db, caseFileId);
		} catch (error) {
			logger.warn({ step: step.key, err: (error as Error).name }, 'erasure clean-up failed');
		}
	}
}

/** Anonymises one file now (the person's request); a file already anonymised is left as it is. */
export async function anonymiseCaseFile(db: Database, caseFileId: string, ctx: AnonymiseContext): Promise<AnonymiseResult> {
	const result = await db.transaction(async (transaction): Promise<AnonymiseResult> => {
		const tx = transaction as unknown as Database;
		const [file] = await tx.select().from(caseFile).where(eq(caseFile.id, caseFileId)).for('update');
		if (!file) return { status: 'missing' };
		if (file.status === 'anonymised') return { status: 'already' };
		return { status: 'anonymised', counts: await anonymiseLocked(tx, file, ctx) };
	});
	if (result.status === 'anonymised') await afterErasure(db, caseFileId);
	return result;
}
