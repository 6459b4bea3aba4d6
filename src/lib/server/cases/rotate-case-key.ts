import { and, asc, eq, gt, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import type { DocumentStore } from './cases.documents.storage';
import { documentContext, documentNameContext } from './cases.documents.usecases';
import { factContext } from './cases.facts.usecases';
import type { FactSection } from './cases.notes.policy';
import { caseDocument, caseNote, caseNoteRevision, caseRestrictedFact } from './cases.notes.table';
import { noteContext, revisionContext } from './cases.notes.usecases';
import { bytesKeyId, openBytes, RestrictedContentError, resealText, sealBytes, type Keyring } from './restricted-crypto';

export type RotationCount = { reencrypted: number; unreadable: number };
export type RotationReport = { key: string; notes: RotationCount; revisions: RotationCount; facts: RotationCount; documents: RotationCount };

type Options = { db: Database; keys: Keyring; store: DocumentStore; batchSize?: number; onBatch?: (what: string, count: RotationCount) => void };

/**
 * Re-encrypts every restricted row and file with the current key, in batches (each batch one
 * transaction), so that older keys can then be removed from CASES_ENCRYPTION_KEYS. Idempotent and
 * resumable: rows already under the current key are not selected, and a stopped run resumes where
 * it was. A row written meanwhile by the app (with the current key) is left as it is. Content that
 * cannot be opened (a missing key, a damaged row) is counted as unreadable and left untouched.
 */
export async function rotateCaseKeys({ db, keys, store, batchSize = 200, onBatch }: Options): Promise<RotationReport> {
	const current = keys.current.id;
	const prefix = `rc1.${current}.`;
	const notCurrent = (column: PgColumn): SQL => sql`left(${column}, ${prefix.length}) <> ${prefix}`;

	/** Walks the rows of one sealed column by id (so unreadable rows are passed, not retried forever). */
	async function sealedColumn(
		what: string,
		table: PgTable,
		id: PgColumn,
		column: PgColumn,
		field: string,
		context: (row: Record<string, unknown>) => string,
		extra: Record<string, PgColumn> = {}
	): Promise<RotationCount> {
		const count: RotationCount = { reencrypted: 0, unreadable: 0 };
		let after: string | null = null;
		for (;;) {
			const rows = (await db
				.select({ id, sealed: column, ...extra })
				.from(table)
				.where(and(isNotNull(column), notCurrent(column), after ? gt(id, after) : undefined))
				.orderBy(asc(id))
				.limit(batchSize)) as { id: string; sealed: string }[];
			if (!rows.length) break;
			const batch: RotationCount = { reencrypted: 0, unreadable: 0 };
			await db.transaction(async (tx) => {
				for (const row of rows) {
					let resealed: string | null;
					try {
						resealed = resealText(keys, row.sealed, context(row));
					} catch (error) {
						if (!(error instanceof RestrictedContentError)) throw error;
						batch.unreadable++;
						continue;
					}
					if (resealed === null) continue;
					// Only if nobody changed it meanwhile (the app writes with the current key anyway).
					const updated = await tx
						.update(table)
						.set({ [field]: resealed })
						.where(and(eq(id, row.id), eq(column, row.sealed)))
						.returning({ id });
					if (updated.length) batch.reencrypted++;
				}
			});
			count.reencrypted += batch.reencrypted;
			count.unreadable += batch.unreadable;
			onBatch?.(what, batch);
			after = rows[rows.length - 1]!.id;
		}
		return count;
	}

	const notes = await sealedColumn('notes', caseNote, caseNote.id, caseNote.bodySealed, 'bodySealed', (r) => noteContext(r.id as string));
	const revisions = await sealedColumn('revisions', caseNoteRevision, caseNoteRevision.id, caseNoteRevision.bodySealed, 'bodySealed', (r) => revisionContext(r.id as string));
	const facts = await sealedColumn('facts', caseRestrictedFact, caseRestrictedFact.id, caseRestrictedFact.sealed, 'sealed', (r) => factContext(r.caseFileId as string, r.section as FactSection), {
		caseFileId: caseRestrictedFact.caseFileId,
		section: caseRestrictedFact.section
	});

	// Documents: the file first (written whole, then renamed over the old one), then the row. A run
	// stopped in between finds the row still under the old key and the file under the new one:
	// files say their own key, so it only re-encrypts the name and updates the row.
	const documents: RotationCount = { reencrypted: 0, unreadable: 0 };
	let after: string | null = null;
	for (;;) {
		const rows = await db
			.select({ id: caseDocument.id, storageKey: caseDocument.storageKey, keyId: caseDocument.keyId, fileNameSealed: caseDocument.fileNameSealed })
			.from(caseDocument)
			.where(and(isNotNull(caseDocument.keyId), ne(caseDocument.keyId, current), after ? gt(caseDocument.id, after) : undefined))
			.orderBy(asc(caseDocument.id))
			.limit(batchSize);
		if (!rows.length) break;
		const batch: RotationCount = { reencrypted: 0, unreadable: 0 };
		for (const row of rows) {
			try {
				const raw = await store.read(row.storageKey);
				if (bytesKeyId(raw) !== current) await store.write(row.storageKey, sealBytes(keys, openBytes(keys, raw, documentContext(row.id)), documentContext(row.id)));
				const name = row.fileNameSealed ? (resealText(keys, row.fileNameSealed, documentNameContext(row.id)) ?? row.fileNameSealed) : null;
				await db
					.update(caseDocument)
					.set({ keyId: current, fileNameSealed: name })
					.where(and(eq(caseDocument.id, row.id), eq(caseDocument.keyId, row.keyId!)));
				batch.reencrypted++;
			} catch (error) {
				if (!(error instanceof RestrictedContentError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
				batch.unreadable++;
			}
		}
		documents.reencrypted += batch.reencrypted;
		documents.unreadable += batch.unreadable;
		onBatch?.('documents', batch);
		after = rows[rows.length - 1]!.id;
	}

	const report: RotationReport = { key: current, notes, revisions, facts, documents };
	await recordAudit(db, {
		actorUserId: null,
		action: 'cases.key.rotated',
		subjectType: 'instance',
		details: {
			key: current,
			reencrypted: notes.reencrypted + revisions.reencrypted + facts.reencrypted + documents.reencrypted,
			unreadable: notes.unreadable + revisions.unreadable + facts.unreadable + documents.unreadable
		}
	});
	return report;
}
