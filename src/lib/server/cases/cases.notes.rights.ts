import { runtime } from '../app/runtime';
import type { Database } from '../db/client';
import { caseKeyring } from './case-keyring';
import { deleteCaseContentRows, listCaseContentForExport, removeDocumentFiles, type CaseContentExport } from './cases.content';
import { createDocumentStore, type DocumentStore } from './cases.documents.storage';
import type { Keyring } from './restricted-crypto';
import { registerExportPart, type ExportBlock, type ExportContext } from './rights/export-parts';
import { registerErasureStep } from './rights/erasure-steps';

// Notes, restricted facts and documents in the person's export (GDPR art. 15) and erasure (art. 17).

type ContentDeps = { keys: Keyring; store: DocumentStore };
let configured: ContentDeps | null = null;

/**
 * The keys and documents folder of this part come from the running app; a test (which runs no
 * app) names its own here, null goes back to the app's.
 */
export function useCaseContentDeps(deps: ContentDeps | null): void {
	configured = deps;
}
const deps = (): ContentDeps => configured ?? { keys: caseKeyring(), store: createDocumentStore(runtime().config.documentsDir) };

// The three parts read the same content: once per export (one context per export).
const loaded = new WeakMap<ExportContext, { caseFileId: string; content: Promise<CaseContentExport> }>();
function contentOf(db: Database, caseFileId: string, ctx: ExportContext): Promise<CaseContentExport> {
	const hit = loaded.get(ctx);
	if (hit?.caseFileId === caseFileId) return hit.content;
	const content = listCaseContentForExport(db, caseFileId, deps().keys);
	loaded.set(ctx, { caseFileId, content });
	return content;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const mediaLabel = (m: string) => ({ 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' })[m] ?? m;

registerExportPart({
	key: 'notes',
	title: 'pro.cases.rights.part.notes',
	order: 60,
	async load(db, caseFileId, ctx) {
		const t = ctx.t;
		// Oldest first: the export reads as the story of the follow-up.
		const notes = [...(await contentOf(db, caseFileId, ctx)).notes].reverse();
		const byId = new Map(notes.map((n) => [n.id, n]));
		const blocks: ExportBlock[] = [];
		for (const n of notes) {
			const corrected = n.correctsNoteId ? byId.get(n.correctsNoteId) : undefined;
			const heading = [
				ctx.date(n.createdAt),
				t(`pro.cases.sensitivity.${n.sensitivity}`),
				n.organisationName,
				n.correctsNoteId ? (corrected ? t('pro.cases.notes.corrects', { date: ctx.date(corrected.createdAt) }) : t('pro.cases.notes.correctsOther')) : null,
				n.correctedAt ? t('pro.cases.notes.corrected') : null
			];
			blocks.push({ kind: 'text', heading: heading.filter(Boolean).join(' — '), text: n.text ?? t('pro.cases.notes.unreadable') });
			for (const r of n.revisions)
				blocks.push({ kind: 'text', heading: t('pro.cases.rights.field.earlierText', { version: r.version, date: ctx.date(r.writtenAt) }), text: r.text ?? t('pro.cases.notes.unreadable') });
		}
		return {
			data: notes.map((n) => ({
				id: n.id,
				sensitivity: n.sensitivity,
				section: n.section,
				text: n.text,
				organisation: n.organisationName,
				writtenAt: iso(n.createdAt),
				updatedAt: iso(n.updatedAt),
				version: n.version,
				correctsNoteId: n.correctsNoteId,
				correctedAt: iso(n.correctedAt),
				earlierTexts: n.revisions.map((r) => ({ version: r.version, text: r.text, writtenAt: iso(r.writtenAt) }))
			})),
			blocks
		};
	}
});

registerExportPart({
	key: 'facts',
	title: 'pro.cases.rights.part.facts',
	order: 65,
	async load(db, caseFileId, ctx) {
		const t = ctx.t;
		const { facts } = await contentOf(db, caseFileId, ctx);
		return {
			data: facts.map((f) => ({ section: f.section, code: f.data?.code ?? null, date: f.data?.date ?? null, text: f.data?.text ?? null, updatedAt: iso(f.updatedAt) })),
			blocks: facts.map((f): ExportBlock =>
				f.data
					? {
							kind: 'fields',
							heading: t(`pro.cases.section.${f.section}`),
							fields: [
								{ label: t(`pro.cases.facts.${f.section}.code`), value: f.data.code ? t(`pro.cases.facts.${f.section}.code.${f.data.code}`) : null },
								{ label: t(`pro.cases.facts.${f.section}.date`), value: f.data.date ? ctx.date(f.data.date) : null },
								{ label: t('pro.cases.facts.text'), value: f.data.text || null },
								{ label: t('pro.cases.rights.field.updatedAt'), value: ctx.date(f.updatedAt) }
							]
						}
					: { kind: 'text', heading: t(`pro.cases.section.${f.section}`), text: t('pro.cases.notes.unreadable') }
			)
		};
	}
});

registerExportPart({
	key: 'documents',
	title: 'pro.cases.rights.part.documents',
	order: 70,
	async load(db, caseFileId, ctx) {
		const t = ctx.t;
		const documents = [...(await contentOf(db, caseFileId, ctx)).documents].reverse();
		const kb = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 0 });
		const mb = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 });
		const size = (bytes: number) =>
			bytes < 1024 * 1024 ? t('pro.cases.documents.sizeKb', { size: kb.format(Math.max(1, bytes / 1024)) }) : t('pro.cases.documents.sizeMb', { size: mb.format(bytes / 1024 / 1024) });
		return {
			data: documents.map((d) => ({ id: d.id, name: d.fileName, mediaType: d.mediaType, sizeBytes: d.sizeBytes, sensitivity: d.sensitivity, organisation: d.organisationName, addedAt: iso(d.createdAt) })),
			blocks: documents.length
				? [
						{
							kind: 'table',
							columns: [t('pro.cases.documents.name'), t('pro.cases.documents.type'), t('pro.cases.notes.sensitivity'), t('pro.cases.rights.field.addedOn')],
							rows: documents.map((d) => [d.fileName ?? t('pro.cases.documents.unreadableName'), `${mediaLabel(d.mediaType)}, ${size(d.sizeBytes)}`, t(`pro.cases.sensitivity.${d.sensitivity}`), ctx.date(d.createdAt)]),
							widths: [4, 2, 2, 2]
						}
					]
				: []
		};
	}
});

// Files of erased documents, by case file: collected in the erasure's transaction, removed after
// its commit. A rolled-back erasure leaves its keys here, harmlessly: their rows are still there,
// and the next successful erasure of that file deletes them anyway. A removal that fails stays
// here and is tried again on the next call.
const filesToRemove = new Map<string, Set<string>>();

registerErasureStep({
	key: 'notes',
	order: 60,
	/** Notes with their earlier texts, restricted facts and documents go entirely (rows now, files after the commit). */
	async run(tx, caseFileId) {
		const { notes, revisions, facts, documents, storageKeys } = await deleteCaseContentRows(tx, caseFileId);
		if (storageKeys.length) filesToRemove.set(caseFileId, new Set([...(filesToRemove.get(caseFileId) ?? []), ...storageKeys]));
		return { notes, revisions, facts, documents };
	},
	async afterCommit(_db, caseFileId) {
		const keys = filesToRemove.get(caseFileId);
		if (!keys?.size) return;
		const failed = await removeDocumentFiles([...keys], deps().store);
		if (failed.length) {
			filesToRemove.set(caseFileId, new Set(failed));
			throw new Error(`${failed.length} document file(s) not removed`);
		}
		filesToRemove.delete(caseFileId);
	}
});
