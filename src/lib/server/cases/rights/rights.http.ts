import { error, type RequestEvent } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isLocale, locales, type Locale } from '$lib/i18n/locales';
import { runtime } from '../../app/runtime';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { requestContext } from '../../http/guard';
import { organisation } from '../../identity/identity.table';
import { casesRules } from '../cases.policy';
import { displayName } from '../cases.presenter';
import { openCaseFile } from '../load-case-file';
import { listFileAccess } from './access-log.repository';
import { accessStatement } from './access-statement';
import { exportCaseFile } from './export.usecases';
import { fileReference } from './reference';
import { documentFileName, documentLocale, renderRightsPdf } from './rights.pdf';

// The endpoints of the person's documents: the access statement and the export (PDF, JSON).

const documentQuery = z.object({
	lang: z.enum(locales).optional(),
	names: z.enum(['1', 'on']).optional()
});

/** The language asked (`?lang=`), or the person's own; a language that is not a UI one is a 400. */
function readQuery(event: RequestEvent, preferred: readonly string[]): { locale: Locale; names: boolean } {
	const parsed = documentQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success) error(400, 'Bad Request');
	const lang = parsed.data.lang;
	return { locale: lang && isLocale(lang) ? lang : documentLocale(preferred), names: parsed.data.names !== undefined };
}

const privateDocument = (body: Uint8Array | string, type: string, fileName: string) =>
	new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: { 'content-type': type, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' }
	});

async function ownerName(db: Database, organisationId: string): Promise<string> {
	const [row] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, organisationId));
	return row?.name ?? '';
}

/** GET …/acces/releve.pdf: who accessed the file, for the person; the printing is recorded, then listed too. */
export async function accessStatementResponse(event: RequestEvent): Promise<Response> {
	const { actor, file, access } = await openCaseFile(event, event.params.id ?? '', { rule: casesRules['file.access-log'], audit: false });
	const { locale, names } = readQuery(event, file.preferredLanguages);
	const db = runtime().database.db;
	const now = new Date();
	const entries = await db.transaction(async (transaction) => {
		const tx = transaction as unknown as Database;
		await recordAudit(tx, {
			actorUserId: actor.userId,
			organisationId: access.organisationId,
			action: 'case_file.access_log.printed',
			subjectType: 'case_file',
			subjectId: file.id,
			purpose: 'access-log-print',
			ipHash: requestContext(event).ipHash,
			details: { lang: locale, names }
		});
		return listFileAccess(tx, file.id);
	});
	const doc = accessStatement(
		{ entries, reference: fileReference(file.id), personName: displayName(file, access), ownerOrganisationName: await ownerName(db, file.ownerOrganisationId), names },
		{ locale, now }
	);
	return privateDocument(await renderRightsPdf(doc, now), 'application/pdf', documentFileName('acces', file.id, locale, 'pdf'));
}

/** GET …/droits/export.pdf|json: everything held about the person (GDPR art. 15), recorded. */
export async function exportResponse(event: RequestEvent, format: 'pdf' | 'json'): Promise<Response> {
	const { actor, file, access } = await openCaseFile(event, event.params.id ?? '', { rule: casesRules['file.rights'], audit: false });
	const { locale } = readQuery(event, file.preferredLanguages);
	const now = new Date();
	const result = await exportCaseFile(runtime().database.db, file.id, { locale, format, now, actorUserId: actor.userId, organisationId: access.organisationId, ipHash: requestContext(event).ipHash });
	if (!result) error(404, 'Not Found');
	if (format === 'json') return privateDocument(`${JSON.stringify(result.json, null, 2)}\n`, 'application/json; charset=utf-8', documentFileName('donnees', file.id, locale, 'json'));
	return privateDocument(await renderRightsPdf(result.document, now), 'application/pdf', documentFileName('donnees', file.id, locale, 'pdf'));
}
