import { and, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import { auditEvent } from '../audit/audit.table';
import type { Database } from '../db/client';
import { userAccount } from '../identity/identity.table';
import { identityFields, type IdentityField, type IdentityInput } from './cases.files.schemas';
import { createCaseFilesRepository } from './cases.files.repository';
import type { CaseFileRow } from './cases.scope';
import { caseFile } from './cases.table';

export type Ctx = { actorUserId: string; organisationId: string; ipHash: string | null };

export type IdentityValues = Pick<CaseFileRow, IdentityField>;

/** The identity of a file as the form edits it. */
export function identityOf(file: CaseFileRow): IdentityValues {
	return Object.fromEntries(identityFields.map((f) => [f, file[f]])) as IdentityValues;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The identity fields whose values differ between two versions. */
export function changedFields(before: Partial<IdentityValues>, after: Partial<IdentityValues>): IdentityField[] {
	return identityFields.filter((f) => !same(before[f], after[f]));
}

export type Duplicate = Awaited<ReturnType<ReturnType<typeof createCaseFilesRepository>['possibleDuplicates']>>[number];

export type CreateResult = { created: true; id: string } | { created: false; duplicates: Duplicate[] };
export type SaveResult =
	| { saved: true; version: number; fields: IdentityField[] }
	| { saved: false; reason: 'closed' }
	| { saved: false; reason: 'conflict'; current: CaseFileRow; changedBy: { name: string | null; at: Date } | null };

export function createCaseFiles({ db }: { db: Database }) {
	const inTx = <T>(fn: (tx: Database) => Promise<T>) => db.transaction((tx) => fn(tx as unknown as Database));

	/**
	 * Opens a file for `ctx.organisationId`. Possible duplicates within that organisation are
	 * returned instead, unless the person saw each of them (`seen`) and chose "create anyway";
	 * showing them is a read of their identity, audited as such.
	 */
	async function create(input: IdentityInput, ctx: Ctx, { seen = [], createAnyway = false }: { seen?: string[]; createAnyway?: boolean } = {}): Promise<CreateResult> {
		return inTx(async (tx) => {
			const duplicates = await createCaseFilesRepository({ db: tx }).possibleDuplicates(ctx.organisationId, input);
			const unseen = duplicates.filter((d) => !seen.includes(d.id));
			if (unseen.length > 0 || (duplicates.length > 0 && !createAnyway)) {
				await recordAudit(
					tx,
					...duplicates.map((d) => ({
						actorUserId: ctx.actorUserId,
						organisationId: ctx.organisationId,
						action: 'case_file.viewed',
						subjectType: 'case_file',
						subjectId: d.id,
						section: 'identity',
						purpose: 'duplicate-check',
						ipHash: ctx.ipHash
					}))
				);
				return { created: false, duplicates };
			}
			const [row] = await tx
				.insert(caseFile)
				.values({ ...input, ownerOrganisationId: ctx.organisationId, createdBy: ctx.actorUserId })
				.returning({ id: caseFile.id });
			await recordAudit(tx, {
				actorUserId: ctx.actorUserId,
				organisationId: ctx.organisationId,
				action: 'case_file.created',
				subjectType: 'case_file',
				subjectId: row!.id,
				section: null,
				ipHash: ctx.ipHash,
				details: { possibleDuplicates: duplicates.length, pseudonymous: input.pseudonymous }
			});
			return { created: true, id: row!.id };
		});
	}

	/**
	 * Saves a correction of the identity, if nobody saved the file since `version` (optimistic
	 * concurrency): otherwise the current row and who changed it, so the page can show what
	 * changed and keep what the person typed. A closed file is read-only.
	 */
	async function saveIdentity(id: string, version: number, input: IdentityInput, ctx: Ctx): Promise<SaveResult> {
		return inTx(async (tx) => {
			const [current] = await tx.select().from(caseFile).where(eq(caseFile.id, id)).for('update');
			if (!current || current.status !== 'open') return { saved: false, reason: 'closed' };
			if (current.version !== version) {
				const [last] = await tx
					.select({ name: userAccount.name, at: auditEvent.at })
					.from(auditEvent)
					.leftJoin(userAccount, eq(userAccount.id, auditEvent.actorUserId))
					.where(and(eq(auditEvent.subjectType, 'case_file'), eq(auditEvent.subjectId, id), sql`${auditEvent.action} not like '%.viewed'`))
					.orderBy(desc(auditEvent.id))
					.limit(1);
				return { saved: false, reason: 'conflict', current, changedBy: last ?? null };
			}
			const fields = changedFields(identityOf(current), input);
			if (fields.length === 0) return { saved: true, version: current.version, fields };
			const [row] = await tx
				.update(caseFile)
				.set({ ...input, version: sql`${caseFile.version} + 1`, updatedAt: new Date(), lastActivityAt: new Date() })
				.where(and(eq(caseFile.id, id), eq(caseFile.version, version)))
				.returning({ version: caseFile.version });
			await recordAudit(tx, {
				actorUserId: ctx.actorUserId,
				organisationId: ctx.organisationId,
				action: 'case_identity.updated',
				subjectType: 'case_file',
				subjectId: id,
				section: 'identity',
				purpose: 'correction',
				ipHash: ctx.ipHash,
				details: { fields: fields.join(','), version: row!.version }
			});
			return { saved: true, version: row!.version, fields };
		});
	}

	/** Closes an open file (read-only afterwards) or reopens a closed one; false when it was not in the expected status. */
	async function setStatus(id: string, to: 'closed' | 'open', ctx: Ctx): Promise<boolean> {
		return inTx(async (tx) => {
			const from = to === 'closed' ? 'open' : 'closed';
			const now = new Date();
			const rows = await tx
				.update(caseFile)
				.set({ status: to, closedAt: to === 'closed' ? now : null, version: sql`${caseFile.version} + 1`, updatedAt: now, lastActivityAt: now })
				.where(and(eq(caseFile.id, id), eq(caseFile.status, from)))
				.returning({ id: caseFile.id });
			if (rows.length === 0) return false;
			await recordAudit(tx, {
				actorUserId: ctx.actorUserId,
				organisationId: ctx.organisationId,
				action: to === 'closed' ? 'case_file.closed' : 'case_file.reopened',
				subjectType: 'case_file',
				subjectId: id,
				section: null,
				ipHash: ctx.ipHash
			});
			return true;
		});
	}

	return { create, saveIdentity, close: (id: string, ctx: Ctx) => setStatus(id, 'closed', ctx), reopen: (id: string, ctx: Ctx) => setStatus(id, 'open', ctx) };
}
