import { eq } from 'drizzle-orm';
import { runtime } from '../app/runtime';
import type { Database } from '../db/client';
import { logger } from '../log/logger';
import { createDocumentStore, type DocumentStore } from './cases.documents.storage';
import { createCaseDocuments, type DocumentView } from './cases.documents.usecases';
import { createCaseFacts, type FactView } from './cases.facts.usecases';
import { factSections } from './cases.notes.policy';
import { caseDocument, caseNote, caseNoteRevision, caseRestrictedFact } from './cases.notes.table';
import { createCaseNotes, type NoteView } from './cases.notes.usecases';
import { caseSections } from './cases.sections';
import type { Keyring } from './restricted-crypto';

/**
 * What the notes part holds about a person, for the rights part (export and erasure). Everything
 * is decrypted here; the caller audits the export and decides who may ask for it.
 */
export type CaseContentExport = {
	notes: NoteView[];
	facts: FactView[];
	/** Metadata only (the files stay on the platform; a download is a separate, audited read). */
	documents: DocumentView[];
};

const everySection = new Set(caseSections);
const defaultStore = () => createDocumentStore(runtime().config.documentsDir);

/** Notes (with their earlier texts), restricted facts and documents' metadata of a file, decrypted. */
export async function listCaseContentForExport(db: Database, caseFileId: string, keys: Keyring): Promise<CaseContentExport> {
	const notes = await createCaseNotes({ db, keys }).list(caseFileId, everySection);
	const facts = await createCaseFacts({ db, keys }).get(caseFileId, everySection);
	const documents = await createCaseDocuments({ db, keys, store: createDocumentStore('.') }).list(caseFileId, everySection);
	return { notes, facts: factSections.flatMap((s) => (facts[s] ? [facts[s]] : [])), documents };
}

/**
 * Deletes the rows of a file's documents (with `db`, which may be the caller's transaction) and
 * returns their storage keys; the files stay on disk until `removeDocumentFiles` is called with
 * those keys once the transaction is committed (a rolled-back erasure must keep them).
 */
export async function deleteCaseDocumentRows(db: Database, caseFileId: string): Promise<string[]> {
	const rows = await db.delete(caseDocument).where(eq(caseDocument.caseFileId, caseFileId)).returning({ storageKey: caseDocument.storageKey });
	return rows.map((r) => r.storageKey);
}

/** Removes documents' files (a file already gone is fine); returns the keys whose removal failed, to try again. */
export async function removeDocumentFiles(storageKeys: readonly string[], store: DocumentStore = defaultStore()): Promise<string[]> {
	const failed: string[] = [];
	for (const key of storageKeys) {
		await store.remove(key).catch((error) => {
			logger.warn({ err: (error as Error).name }, 'document file not removed');
			failed.push(key);
		});
	}
	return failed;
}

/** Deletes every document of a file, rows then files, outside any transaction; returns how many there were. */
export async function deleteCaseDocuments(db: Database, caseFileId: string, store: DocumentStore = defaultStore()): Promise<number> {
	const keys = await deleteCaseDocumentRows(db, caseFileId);
	await removeDocumentFiles(keys, store);
	return keys.length;
}

export type CaseContentDeletion = { notes: number; revisions: number; facts: number; documents: number; storageKeys: string[] };

/**
 * Deletes the rows of a file's notes (and their earlier texts), restricted facts and documents:
 * the erasure of this part inside the caller's transaction. The documents' files are left on disk:
 * remove `storageKeys` with `removeDocumentFiles` after the commit.
 */
export async function deleteCaseContentRows(db: Database, caseFileId: string): Promise<CaseContentDeletion> {
	const revisions = (await db.delete(caseNoteRevision).where(eq(caseNoteRevision.caseFileId, caseFileId)).returning({ id: caseNoteRevision.id })).length;
	const notes = (await db.delete(caseNote).where(eq(caseNote.caseFileId, caseFileId)).returning({ id: caseNote.id })).length;
	const facts = (await db.delete(caseRestrictedFact).where(eq(caseRestrictedFact.caseFileId, caseFileId)).returning({ id: caseRestrictedFact.id })).length;
	const storageKeys = await deleteCaseDocumentRows(db, caseFileId);
	return { notes, revisions, facts, documents: storageKeys.length, storageKeys };
}

/** Deletes notes (and their earlier texts), restricted facts and documents of a file, outside any transaction: rows, then files. */
export async function deleteCaseContent(db: Database, caseFileId: string, store: DocumentStore = defaultStore()): Promise<{ notes: number; facts: number; documents: number }> {
	const { notes, facts, documents, storageKeys } = await deleteCaseContentRows(db, caseFileId);
	await removeDocumentFiles(storageKeys, store);
	return { notes, facts, documents };
}
