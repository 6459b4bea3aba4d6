import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { organisation, userAccount } from '../identity/identity.table';
import { caseFile } from './cases.table';

/**
 * Notes of a case file. `sensitivity` (general, social, restricted) decides the section that sees
 * them (notes, social, restricted); a restricted note's text is only ever stored encrypted
 * (`body_sealed`, see restricted-crypto.ts), which a check constraint enforces. Notes are never
 * overwritten silently: an edit (the author, within 24 hours) keeps the earlier text in
 * `case_note_revision`; later, a correction is a new note pointing at the one it corrects.
 */
export const caseNote = pgTable(
	'case_note',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		/** general, social, restricted */
		sensitivity: text('sensitivity').notNull(),
		body: text('body'),
		bodySealed: text('body_sealed'),
		/** The organisation the author wrote for (the owner, or a grantee). */
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => userAccount.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid('updated_by').references(() => userAccount.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		/** Optimistic concurrency: an edit names the version it started from. */
		version: integer('version').notNull().default(1),
		/** This note corrects an earlier one. */
		correctsNoteId: uuid('corrects_note_id').references((): AnyPgColumn => caseNote.id, { onDelete: 'set null' }),
		/** Set on a note once a correction of it was written. */
		correctedAt: timestamp('corrected_at', { withTimezone: true }),
		correctedBy: uuid('corrected_by').references(() => userAccount.id, { onDelete: 'set null' })
	},
	(t) => [
		index('case_note_file_idx').on(t.caseFileId, t.createdAt),
		check('case_note_sensitivity_check', sql`${t.sensitivity} in ('general', 'social', 'restricted')`),
		check(
			'case_note_sealed_check',
			sql`(${t.sensitivity} = 'restricted' and ${t.body} is null and ${t.bodySealed} is not null) or (${t.sensitivity} <> 'restricted' and ${t.body} is not null and ${t.bodySealed} is null)`
		)
	]
);

/** The earlier texts of an edited note, as they were (sealed when the note is restricted). */
export const caseNoteRevision = pgTable(
	'case_note_revision',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		noteId: uuid('note_id')
			.notNull()
			.references(() => caseNote.id, { onDelete: 'cascade' }),
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		/** The note's version this text was. */
		version: integer('version').notNull(),
		body: text('body'),
		bodySealed: text('body_sealed'),
		writtenBy: uuid('written_by').references(() => userAccount.id, { onDelete: 'set null' }),
		writtenAt: timestamp('written_at', { withTimezone: true }).notNull(),
		replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('case_note_revision_note_idx').on(t.noteId, t.version),
		index('case_note_revision_file_idx').on(t.caseFileId),
		check('case_note_revision_body_check', sql`(${t.body} is null) <> (${t.bodySealed} is null)`)
	]
);

/**
 * The restricted facts of a file, one row per section (residence, health, legal): a few coded
 * fields and a text, stored as one encrypted JSON document.
 */
export const caseRestrictedFact = pgTable(
	'case_restricted_fact',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		/** residence, health, legal */
		section: text('section').notNull(),
		sealed: text('sealed').notNull(),
		version: integer('version').notNull().default(1),
		updatedBy: uuid('updated_by').references(() => userAccount.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('case_restricted_fact_file_section_key').on(t.caseFileId, t.section),
		check('case_restricted_fact_section_check', sql`${t.section} in ('residence', 'health', 'legal')`)
	]
);

/**
 * Attachments of a file (PDF, JPEG, PNG, WebP, type read from the content). The bytes live in the
 * documents folder under `storage_key` (random, unrelated to the id); restricted documents are
 * encrypted there (`key_id` names the key) and so is their file name.
 */
export const caseDocument = pgTable(
	'case_document',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		caseFileId: uuid('case_file_id')
			.notNull()
			.references(() => caseFile.id, { onDelete: 'cascade' }),
		sensitivity: text('sensitivity').notNull(),
		storageKey: text('storage_key').notNull().unique(),
		fileName: text('file_name'),
		fileNameSealed: text('file_name_sealed'),
		/** application/pdf, image/jpeg, image/png, image/webp: detected, never the browser's claim. */
		mediaType: text('media_type').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		/** The key of the encrypted file on disk (restricted documents only). */
		keyId: text('key_id'),
		organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'set null' }),
		uploadedBy: uuid('uploaded_by').references(() => userAccount.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('case_document_file_idx').on(t.caseFileId, t.createdAt),
		check('case_document_sensitivity_check', sql`${t.sensitivity} in ('general', 'social', 'restricted')`),
		check(
			'case_document_sealed_check',
			sql`(${t.sensitivity} = 'restricted' and ${t.fileName} is null and ${t.fileNameSealed} is not null and ${t.keyId} is not null) or (${t.sensitivity} <> 'restricted' and ${t.fileName} is not null and ${t.fileNameSealed} is null and ${t.keyId} is null)`
		)
	]
);
