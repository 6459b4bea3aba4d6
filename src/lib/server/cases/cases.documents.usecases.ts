import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import { logger } from '../log/logger';
import { recordCaseChange, type CaseActor } from './case-audit';
import { extensions, mediaTypes, type DocumentKind, type DocumentStore } from './cases.documents.storage';
import { visibleSensitivities } from './cases.notes.usecases';
import { caseDocument } from './cases.notes.table';
import { sectionOfSensitivity, type CaseSection, type Sensitivity } from './cases.sections';
import { openBytes, openText, sealBytes, sealText, type Keyring } from './restricted-crypto';

export type DocumentRow = typeof caseDocument.$inferSelect;

export type DocumentView = {
	id: string;
	sensitivity: Sensitivity;
	section: CaseSection;
	/** null when a restricted name cannot be decrypted. */
	fileName: string | null;
	mediaType: string;
	sizeBytes: number;
	uploadedBy: string | null;
	uploaderName: string | null;
	organisationName: string | null;
	createdAt: Date;
};

export const documentContext = (id: string) => `case_document:${id}`;
export const documentNameContext = (id: string) => `case_document.name:${id}`;

/** A name safe to store and send back: no path, no control characters, at most 120 characters, the right extension. */
export function cleanFileName(name: string, kind: DocumentKind): string {
	const base = (name.split(/[\\/]/).pop() ?? '')
		.replace(/[\p{Cc}\p{Cf}"]/gu, '')
		.trim()
		.replace(/\.[A-Za-z0-9]{1,10}$/, '');
	const stem = [...(base || 'document')].slice(0, 110).join('');
	return `${stem}.${extensions[kind]}`;
}

export function documentFileName(keys: Keyring, row: Pick<DocumentRow, 'id' | 'fileName' | 'fileNameSealed'>): string | null {
	if (row.fileNameSealed === null) return row.fileName;
	try {
		return openText(keys, row.fileNameSealed, documentNameContext(row.id));
	} catch (error) {
		logger.warn({ err: (error as Error).name, reason: (error as { reason?: string }).reason }, 'restricted document name unreadable');
		return null;
	}
}

export function createCaseDocuments({ db, keys, store }: { db: Database; keys: Keyring; store: DocumentStore }) {
	async function list(caseFileId: string, sections: ReadonlySet<CaseSection>): Promise<DocumentView[]> {
		const kinds = visibleSensitivities(sections);
		if (!kinds.length) return [];
		const rows = await db
			.select({ d: caseDocument, uploaderName: userAccount.name, organisationName: organisation.name })
			.from(caseDocument)
			.leftJoin(userAccount, eq(userAccount.id, caseDocument.uploadedBy))
			.leftJoin(organisation, eq(organisation.id, caseDocument.organisationId))
			.where(and(eq(caseDocument.caseFileId, caseFileId), inArray(caseDocument.sensitivity, kinds)))
			.orderBy(desc(caseDocument.createdAt), desc(caseDocument.id));
		return rows.map(({ d, uploaderName, organisationName }) => ({
			id: d.id,
			sensitivity: d.sensitivity as Sensitivity,
			section: sectionOfSensitivity(d.sensitivity as Sensitivity),
			fileName: documentFileName(keys, d),
			mediaType: d.mediaType,
			sizeBytes: d.sizeBytes,
			uploadedBy: d.uploadedBy,
			uploaderName,
			organisationName,
			createdAt: d.createdAt
		}));
	}

	async function find(caseFileId: string, documentId: string): Promise<DocumentRow | null> {
		const [row] = await db
			.select()
			.from(caseDocument)
			.where(and(eq(caseDocument.id, documentId), eq(caseDocument.caseFileId, caseFileId)));
		return row ?? null;
	}

	/** Stores the bytes (encrypted when restricted), then the row and its audit; a failed insert removes the file. */
	async function upload(
		caseFileId: string,
		input: { sensitivity: Sensitivity; kind: DocumentKind; fileName: string; bytes: Uint8Array },
		actor: CaseActor
	): Promise<{ id: string }> {
		const id = randomUUID();
		const key = store.newKey();
		const restricted = input.sensitivity === 'restricted';
		const name = cleanFileName(input.fileName, input.kind);
		await store.write(key, restricted ? sealBytes(keys, input.bytes, documentContext(id)) : input.bytes);
		try {
			await db.transaction(async (tx) => {
				await tx.insert(caseDocument).values({
					id,
					caseFileId,
					sensitivity: input.sensitivity,
					storageKey: key,
					fileName: restricted ? null : name,
					fileNameSealed: restricted ? sealText(keys, name, documentNameContext(id)) : null,
					mediaType: mediaTypes[input.kind],
					sizeBytes: input.bytes.length,
					keyId: restricted ? keys.current.id : null,
					organisationId: actor.organisationId,
					uploadedBy: actor.userId
				});
				await recordCaseChange(tx as unknown as Database, actor, caseFileId, sectionOfSensitivity(input.sensitivity), 'case_document.uploaded', {
					documentId: id,
					sensitivity: input.sensitivity,
					mediaType: mediaTypes[input.kind],
					size: input.bytes.length
				});
			});
		} catch (error) {
			await store.remove(key).catch(() => {});
			throw error;
		}
		return { id };
	}

	/** The bytes of a document, decrypted when restricted (a tampered file throws RestrictedContentError). */
	async function content(row: DocumentRow): Promise<{ bytes: Buffer; fileName: string; mediaType: string }> {
		const raw = await store.read(row.storageKey);
		const bytes = row.keyId ? openBytes(keys, raw, documentContext(row.id)) : raw;
		const kind = (Object.entries(mediaTypes).find(([, m]) => m === row.mediaType)?.[0] ?? 'pdf') as DocumentKind;
		return { bytes, fileName: documentFileName(keys, row) ?? `document.${extensions[kind]}`, mediaType: row.mediaType };
	}

	/** Deletes a document: the row (with its audit) in one transaction, then the file. */
	async function remove(row: DocumentRow, actor: CaseActor): Promise<void> {
		await db.transaction(async (tx) => {
			await tx.delete(caseDocument).where(eq(caseDocument.id, row.id));
			await recordCaseChange(tx as unknown as Database, actor, row.caseFileId, sectionOfSensitivity(row.sensitivity as Sensitivity), 'case_document.deleted', {
				documentId: row.id,
				sensitivity: row.sensitivity
			});
		});
		await store.remove(row.storageKey).catch((error) => logger.warn({ err: (error as Error).name }, 'document file not removed'));
	}

	return { list, find, upload, content, remove };
}
