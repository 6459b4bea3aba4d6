import { error, type RequestEvent } from '@sveltejs/kit';
import { runtime } from '../../app/runtime';
import { recordAudit } from '../../audit/audit.repository';
import { authorize } from '../../http/guard';
import { directoryRules } from '../directory.policy';
import { exportRows, type Scope } from './directory-sheet';
import { findJob } from './jobs';
import { toCsv, toXlsx } from './write';

const types = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

/** An export as a download (the working version of every service in scope); the export is audited. */
export async function exportResponse(scope: Scope, format: keyof typeof types, baseName: string, ctx: { actorUserId: string; ipHash: string }): Promise<Response> {
	const db = runtime().database.db;
	const rows = await exportRows(db, scope);
	await recordAudit(db, { actorUserId: ctx.actorUserId, organisationId: scope.organisationId, action: 'directory.services.exported', subjectType: 'organisation', subjectId: scope.organisationId, ipHash: ctx.ipHash, details: { format, rows: rows.length } });
	const body = format === 'xlsx' ? new Uint8Array(await toXlsx(rows)) : toCsv(rows);
	const date = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: { 'content-type': types[format], 'content-disposition': `attachment; filename="${baseName}-${date}.${format}"`, 'cache-control': 'private, no-store' }
	});
}

/** The job of a page's token, for its uploader, who must still be allowed to import for its scope (404 for anyone else). */
export function importJob(event: RequestEvent<{ token: string }>) {
	const actor = authorize(event, directoryRules.import);
	const job = findJob(event.params.token, actor.userId);
	if (!job) error(404, 'Not Found');
	authorize(event, directoryRules['service.import'], job.scope);
	return { actor, job };
}
