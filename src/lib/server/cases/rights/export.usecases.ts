import { eq } from 'drizzle-orm';
import type { Locale } from '$lib/i18n/locales';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { organisation } from '../../identity/identity.table';
import { caseFile } from '../cases.table';
import { exportParts } from './export-parts';
import './parts';
import { fileReference } from './reference';
import { documentContext, documentFrame, type RightsDocument } from './rights.pdf';

/**
 * Everything held about a person (GDPR art. 15): every registered part, read in one transaction
 * (a consistent picture), recorded in the audit trail in that same transaction. The JSON file is
 * the machine-readable copy; the document is what the PDF prints, in the person's language.
 */
export const EXPORT_FORMAT = 'passerelle-case-file-export';
export const EXPORT_VERSION = 1;

export type CaseFileExportJson = {
	format: typeof EXPORT_FORMAT;
	version: typeof EXPORT_VERSION;
	generatedAt: string;
	language: Locale;
	caseFile: { id: string; reference: string };
	/** One entry per registered part, in export order: its title in `language` and its data. */
	parts: Record<string, { title: string; data: unknown }>;
};

export type ExportRequest = {
	locale: Locale;
	format: 'pdf' | 'json';
	now: Date;
	actorUserId: string;
	/** The organisation the actor acts for (the owner). */
	organisationId: string;
	ipHash: string | null;
};

export async function exportCaseFile(db: Database, caseFileId: string, request: ExportRequest): Promise<{ json: CaseFileExportJson; document: RightsDocument } | null> {
	return db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		const [head] = await tx
			.select({ firstName: caseFile.firstName, lastName: caseFile.lastName, owner: organisation.name })
			.from(caseFile)
			.innerJoin(organisation, eq(organisation.id, caseFile.ownerOrganisationId))
			.where(eq(caseFile.id, caseFileId));
		if (!head) return null;
		const ctx = documentContext(request.locale, request.now);
		const t = ctx.t;
		const parts = exportParts();
		const loaded = [];
		for (const part of parts) loaded.push({ part, content: await part.load(tx, caseFileId, ctx) });
		await recordAudit(tx, {
			actorUserId: request.actorUserId,
			organisationId: request.organisationId,
			action: 'case_file.exported',
			subjectType: 'case_file',
			subjectId: caseFileId,
			section: null,
			purpose: 'export',
			ipHash: request.ipHash,
			details: { format: request.format, lang: request.locale, parts: parts.length }
		});
		const reference = fileReference(caseFileId);
		const json: CaseFileExportJson = {
			format: EXPORT_FORMAT,
			version: EXPORT_VERSION,
			generatedAt: request.now.toISOString(),
			language: request.locale,
			caseFile: { id: caseFileId, reference },
			parts: Object.fromEntries(loaded.map(({ part, content }) => [part.key, { title: t(part.title), data: content.data }]))
		};
		const personName = [head.firstName, head.lastName].filter(Boolean).join(' ');
		const frame = documentFrame(ctx, {
			title: t('pro.cases.rights.export.title'),
			subtitle: [
				t('pro.cases.access.statement.person', { name: personName, reference }),
				t('pro.cases.access.statement.owner', { organisation: head.owner }),
				t('pro.cases.rights.printed', { date: ctx.date(request.now) })
			],
			intro: [t('pro.cases.rights.export.intro'), t('pro.cases.rights.export.yourRights', { organisation: head.owner })]
		});
		const document: RightsDocument = { ...frame, parts: loaded.map(({ part, content }) => ({ title: t(part.title), blocks: content.blocks })) };
		return { json, document };
	});
}
