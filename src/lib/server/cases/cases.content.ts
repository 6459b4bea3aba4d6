import { eq } from 'drizzle-orm';
import { runtime } from '../app/runtime';
import type { Database } from '../db/client';
import { logger } from '../log/logger';
import { createDocumentStore, type DocumentStore } from './cases.documents.storage';
import { createCaseDocuments, type DocumentView } from './cases.documents.usecases';
import { createCaseFacts, type FactView } from './cases.facts.usecases';
import { factSections } from './cases.notes.policy';
import { caseDocument, caseNote, caseRestrictedFact } from './cases.notes.table';
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
 * Deletes every document of a file: the rows (with `db`, which may be the caller's transaction),
 * then the files. Returns how many there were. Called by the erasure of a file; when called inside
 * a transaction that later fails, the files are gone but not the rows (their download then answers
 * 404): call it last in the transaction.
 */
export async function deleteCaseDocuments(db: Database, caseFileId: string, store: DocumentStore = defaultStore()): Promise<number> {
	const rows = await db.delete(caseDocument).where(eq(caseDocument.caseFileId, caseFileId)).returning({ storageKey: caseDocument.storageKey });
	for (const { storageKey } of rows) await store.remove(storageKey).catch((error) => logger.warn({ err: (error as Error).name }, 'document file not removed'));
	return rows.length;
}

/** Deletes notes (and their earlier texts), restricted facts and documents of a file: the erasure of this part. */
export async function deleteCaseContent(db: Database, caseFileId: string, store: DocumentStore = defaultStore()): Promise<{ notes: number; facts: number; documents: number }> {
	const notes = (await db.delete(caseNote).where(eq(caseNote.caseFileId, caseFileId)).returning({ id: caseNote.id })).length;
	const facts = (await db.delete(caseRestrictedFact).where(eq(caseRestrictedFact.caseFileId, caseFileId)).returning({ id: caseRestrictedFact.id })).length;
	const documents = await deleteCaseDocuments(db, caseFileId, store);
	return { notes, facts, documents };
}
