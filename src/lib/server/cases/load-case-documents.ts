import type { RequestEvent } from '@sveltejs/kit';
import { runtime } from '../app/runtime';
import { requestContext } from '../http/guard';
import { caseKeyring } from './case-keyring';
import { createDocumentStore } from './cases.documents.storage';
import { createCaseDocuments } from './cases.documents.usecases';
import { caseNotesRules } from './cases.notes.policy';
import { caseActor } from './cases.notes.presenter';
import { openCaseFile } from './load-case-file';

/** The documents routes' start: the file through its policy (404 when refused, no read row yet), and the use-cases. */
export async function openCaseDocuments(event: RequestEvent) {
	const opened = await openCaseFile(event, event.params.id!, { rule: caseNotesRules.view, audit: false });
	const { database, config } = runtime();
	const documents = createCaseDocuments({ db: database.db, keys: caseKeyring(), store: createDocumentStore(config.documentsDir) });
	return { ...opened, db: database.db, documents, who: caseActor(opened.actor, opened.access, requestContext(event).ipHash) };
}

/** Content-Disposition for a download: always an attachment, the name in ASCII and in UTF-8. */
export function attachmentHeader(fileName: string): string {
	const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').trim() || 'document';
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
