import type { Locale } from '$lib/i18n/locales';
import type { Translate } from '$lib/i18n/translator';
import type { Database } from '../../db/client';

/**
 * The export of everything held about a person (GDPR art. 15) is composed of parts, one per kind
 * of data (identity, consents, grants, referrals, Parcours, notes, documents, access log…). Each
 * part of the case-file domain registers a provider here; the export use-case runs them all, in
 * `order`, inside one read transaction, and writes the JSON file and the PDF from what they return.
 *
 * Add a part:
 *   1. write the provider beside your tables (e.g. `cases/notes/notes.export.ts`):
 *        registerExportPart({ key: 'notes', title: 'pro.cases.rights.part.notes', order: 60,
 *          async load(db, caseFileId, ctx) { …; return { data, blocks }; } });
 *   2. import that file once in `rights/parts.ts` (one line), so it is registered before an export;
 *   3. add the title key to the 12 catalogues, and describe `data` in ARCHITECTURE.md ("Rights").
 * A provider returns everything the person could ask about: restricted content decrypted (the
 * export is the person's own copy), ids and codes in `data`, labels in the person's language in
 * `blocks`. It never writes, and never audits (the export records one row for the whole file).
 */

/** What a provider is given: the language of the export, its translator and date formats. */
export type ExportContext = {
	locale: Locale;
	/** Translator for `locale` over the case-file catalogue keys (`pro.cases.*`, `common.*`). */
	t: Translate;
	now: Date;
	/** A date (ISO day or Date) as the reader reads it, e.g. "2 décembre 2026". */
	date(value: Date | string | null | undefined): string;
	/** A moment, with its time (Brussels). */
	dateTime(value: Date | null | undefined): string;
};

/** Labelled values, e.g. one consent; `value` is shown as typed (never as markup). */
export type ExportFields = { kind: 'fields'; heading?: string; fields: { label: string; value: string | null }[] };
/** A table with a header row, e.g. the access log. */
export type ExportTable = { kind: 'table'; heading?: string; columns: string[]; rows: (string | null)[][]; /** Relative column widths (default: equal). */ widths?: number[] };
/** A paragraph, e.g. a note's text. */
export type ExportText = { kind: 'text'; heading?: string; text: string };
export type ExportBlock = ExportFields | ExportTable | ExportText;

export type ExportPartContent = {
	/** The machine-readable content written under `parts.<key>.data` of the JSON file: JSON values only. */
	data: unknown;
	/** What the PDF shows, in the export's language; empty: the PDF says that nothing is held. */
	blocks: ExportBlock[];
};

export type ExportPart = {
	/** The part's name in the JSON file (`parts.<key>`): a stable identifier, e.g. 'consents'. */
	key: string;
	/** Catalogue key of the part's title, e.g. 'pro.cases.rights.part.consents'. */
	title: string;
	/** Position in the export (identity 10, consents 20, grants 30, referrals 40, parcours 50, notes 60, restricted facts 65, documents 70, access log 90). */
	order: number;
	load(db: Database, caseFileId: string, ctx: ExportContext): Promise<ExportPartContent>;
};

const parts = new Map<string, ExportPart>();

/** Registers a provider; a key is registered once (a second registration is a programming error). */
export function registerExportPart(part: ExportPart): void {
	if (parts.has(part.key)) throw new Error(`export part ${part.key} is registered twice`);
	if (!/^[a-z][a-zA-Z0-9]*$/.test(part.key)) throw new Error(`export part key ${part.key} must be camelCase letters and digits`);
	parts.set(part.key, part);
}

/** The registered providers, in export order. */
export function exportParts(): ExportPart[] {
	return [...parts.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
