import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { organisation, userAccount } from '../identity/identity.table';
import { logger } from '../log/logger';
import { recordCaseChange, type CaseActor } from './case-audit';
import { caseNote, caseNoteRevision } from './cases.notes.table';
import { sectionOfSensitivity, type CaseSection, type Sensitivity } from './cases.sections';
import { openText, sealText, type Keyring } from './restricted-crypto';
import { sensitivities } from './cases.notes.schemas';

export type NoteRow = typeof caseNote.$inferSelect;

export type NoteRevisionView = { version: number; text: string | null; writtenAt: Date; authorName: string | null };

/** A note as a page or an export shows it; `text` is null when it cannot be decrypted. */
export type NoteView = {
	id: string;
	sensitivity: Sensitivity;
	section: CaseSection;
	text: string | null;
	createdBy: string | null;
	authorName: string | null;
	organisationName: string | null;
	createdAt: Date;
	updatedAt: Date;
	version: number;
	revisions: NoteRevisionView[];
	correctsNoteId: string | null;
	correctedAt: Date | null;
};

export const noteContext = (id: string) => `case_note:${id}`;
export const revisionContext = (id: string) => `case_note_revision:${id}`;

/** The text of a note or revision row: plain, or decrypted; null (and a log line without content) when it cannot be. */
function readable(keys: Keyring, row: { body: string | null; bodySealed: string | null }, context: string): string | null {
	if (row.bodySealed === null) return row.body;
	try {
		return openText(keys, row.bodySealed, context);
	} catch (error) {
		logger.warn({ err: (error as Error).name, reason: (error as { reason?: string }).reason, context: context.split(':')[0] }, 'restricted content unreadable');
		return null;
	}
}

/** The columns of a text: restricted ones are only ever written encrypted. */
function stored(keys: Keyring, sensitivity: Sensitivity, text: string, context: string) {
	return sensitivity === 'restricted' ? { body: null, bodySealed: sealText(keys, text, context) } : { body: text, bodySealed: null };
}

export function visibleSensitivities(sections: ReadonlySet<CaseSection>): Sensitivity[] {
	return sensitivities.filter((s) => sections.has(sectionOfSensitivity(s)));
}

export function createCaseNotes({ db, keys }: { db: Database; keys: Keyring }) {
	/** The notes of a file in the sections given (the SQL filters them), newest first, with their earlier texts. */
	async function list(caseFileId: string, sections: ReadonlySet<CaseSection>): Promise<NoteView[]> {
		const kinds = visibleSensitivities(sections);
		if (kinds.length === 0) return [];
		const author = alias(userAccount, 'author');
		const rows = await db
			.select({ note: caseNote, authorName: author.name, organisationName: organisation.name })
			.from(caseNote)
			.leftJoin(author, eq(author.id, caseNote.createdBy))
			.leftJoin(organisation, eq(organisation.id, caseNote.organisationId))
			.where(and(eq(caseNote.caseFileId, caseFileId), inArray(caseNote.sensitivity, kinds)))
			.orderBy(desc(caseNote.createdAt), desc(caseNote.id));
		const revisions = new Map<string, NoteRevisionView[]>();
		if (rows.length) {
			const writer = alias(userAccount, 'writer');
			const revs = await db
				.select({ r: caseNoteRevision, authorName: writer.name })
				.from(caseNoteRevision)
				.leftJoin(writer, eq(writer.id, caseNoteRevision.writtenBy))
				.where(inArray(caseNoteRevision.noteId, rows.map((r) => r.note.id)))
				.orderBy(asc(caseNoteRevision.version));
			for (const { r, authorName } of revs) {
				const list = revisions.get(r.noteId) ?? [];
				list.push({ version: r.version, text: readable(keys, r, revisionContext(r.id)), writtenAt: r.writtenAt, authorName });
				revisions.set(r.noteId, list);
			}
		}
		return rows.map(({ note, authorName, organisationName }) => ({
			id: note.id,
			sensitivity: note.sensitivity as Sensitivity,
			section: sectionOfSensitivity(note.sensitivity as Sensitivity),
			text: readable(keys, note, noteContext(note.id)),
			createdBy: note.createdBy,
			authorName,
			organisationName,
			createdAt: note.createdAt,
			updatedAt: note.updatedAt,
			version: note.version,
			revisions: revisions.get(note.id) ?? [],
			correctsNoteId: note.correctsNoteId,
			correctedAt: note.correctedAt
		}));
	}

	async function find(caseFileId: string, noteId: string): Promise<NoteRow | null> {
		const [row] = await db
			.select()
			.from(caseNote)
			.where(and(eq(caseNote.id, noteId), eq(caseNote.caseFileId, caseFileId)));
		return row ?? null;
	}

	async function add(caseFileId: string, input: { sensitivity: Sensitivity; body: string; correctsNoteId?: string }, actor: CaseActor): Promise<{ id: string }> {
		const id = randomUUID();
		const section = sectionOfSensitivity(input.sensitivity);
		await db.transaction(async (tx) => {
			await tx.insert(caseNote).values({
				id,
				caseFileId,
				sensitivity: input.sensitivity,
				...stored(keys, input.sensitivity, input.body.trim(), noteContext(id)),
				organisationId: actor.organisationId,
				createdBy: actor.userId,
				updatedBy: actor.userId,
				correctsNoteId: input.correctsNoteId ?? null
			});
			if (input.correctsNoteId) {
				await tx
					.update(caseNote)
					.set({ correctedAt: sql`now()`, correctedBy: actor.userId })
					.where(and(eq(caseNote.id, input.correctsNoteId), eq(caseNote.caseFileId, caseFileId)));
				await recordCaseChange(tx as unknown as Database, actor, caseFileId, section, 'case_note.corrected', { noteId: input.correctsNoteId, correctionId: id, sensitivity: input.sensitivity });
			} else {
				await recordCaseChange(tx as unknown as Database, actor, caseFileId, section, 'case_note.created', { noteId: id, sensitivity: input.sensitivity });
			}
		});
		return { id };
	}

	/**
	 * Rewrites a note from the version the author started from; the earlier text is kept as a
	 * revision. Someone else's save in between: nothing is written and the current note comes back.
	 */
	async function edit(caseFileId: string, noteId: string, input: { version: number; body: string }, actor: CaseActor): Promise<{ ok: true; version: number } | { ok: false; conflict: NoteView | null }> {
		const result = await db.transaction(async (tx) => {
			const [current] = await tx
				.select()
				.from(caseNote)
				.where(and(eq(caseNote.id, noteId), eq(caseNote.caseFileId, caseFileId)))
				.for('update');
			if (!current || current.version !== input.version) return { ok: false as const };
			const sensitivity = current.sensitivity as Sensitivity;
			const body = input.body.trim();
			if (readable(keys, current, noteContext(noteId)) === body) return { ok: true as const, version: current.version };
			const revisionId = randomUUID();
			const previous = readable(keys, current, noteContext(noteId));
			await tx.insert(caseNoteRevision).values({
				id: revisionId,
				noteId,
				caseFileId,
				version: current.version,
				// An unreadable sealed text is kept as it was (it may open again once its key is back).
				...(previous === null ? { body: null, bodySealed: current.bodySealed } : stored(keys, sensitivity, previous, revisionContext(revisionId))),
				writtenBy: current.updatedBy,
				writtenAt: current.updatedAt
			});
			const version = current.version + 1;
			await tx
				.update(caseNote)
				.set({ ...stored(keys, sensitivity, body, noteContext(noteId)), version, updatedBy: actor.userId, updatedAt: sql`now()` })
				.where(eq(caseNote.id, noteId));
			await recordCaseChange(tx as unknown as Database, actor, caseFileId, sectionOfSensitivity(sensitivity), 'case_note.edited', { noteId, version });
			return { ok: true as const, version };
		});
		if (result.ok) return result;
		const current = await find(caseFileId, noteId);
		const view = current ? (await list(caseFileId, new Set([sectionOfSensitivity(current.sensitivity as Sensitivity)]))).find((n) => n.id === noteId) : undefined;
		return { ok: false, conflict: view ?? null };
	}

	return { list, find, add, edit };
}
