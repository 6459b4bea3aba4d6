import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { recordSectionReads } from '$server/cases/case-audit';
import { casesRules } from '$server/cases/cases.policy';
import { sectionOfSensitivity, type Sensitivity } from '$server/cases/cases.sections';
import { attachmentHeader, openCaseDocuments } from '$server/cases/load-case-documents';
import { RestrictedContentError } from '$server/cases/restricted-crypto';
import { authorize } from '$server/http/guard';
import { logger } from '$server/log/logger';
import type { RequestHandler } from './$types';

/**
 * A document's bytes, for those who see its section: always as an attachment, with the type read
 * from its content at upload and nosniff, never cached. Each download is a read in the audit trail.
 */
export const GET: RequestHandler = async (event) => {
	const { file, subject, access, db, documents, who } = await openCaseDocuments(event);
	const row = z.uuid().safeParse(event.params.documentId).success ? await documents.find(file.id, event.params.documentId) : null;
	if (!row) error(404, 'Not Found');
	const section = sectionOfSensitivity(row.sensitivity as Sensitivity);
	authorize(event, casesRules['section.view'], { file: subject, section }, { hide: true });
	await recordSectionReads(db, who, file.id, [section], { purpose: 'download', owner: access.owner, details: { documentId: row.id } });
	let content: Awaited<ReturnType<typeof documents.content>>;
	try {
		content = await documents.content(row);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') error(404, 'Not Found');
		if (e instanceof RestrictedContentError) {
			logger.warn({ err: e.name, reason: e.reason }, 'document unreadable');
			error(500, 'Unreadable');
		}
		throw e;
	}
	return new Response(new Uint8Array(content.bytes), {
		headers: {
			'content-type': content.mediaType,
			'content-length': String(content.bytes.length),
			'content-disposition': attachmentHeader(content.fileName),
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
