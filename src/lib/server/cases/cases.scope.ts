import { and, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { isSignedIn, type Actor } from '../policy/policy';
import type { FileSubject } from './cases.policy';
import { caseFile, caseGrant } from './cases.table';

/**
 * The files an actor may list, as SQL: owned by one of their organisations, or granted to one of
 * them by an active grant. The same facts as `caseAccess`, so lists and file pages never disagree
 * (rows are still passed through the policy by the presenter).
 */
export function caseFileScope(actor: Actor, now = new Date()): SQL {
	if (!isSignedIn(actor) || actor.memberships.size === 0) return sql`false`;
	const orgs = [...actor.memberships.keys()];
	return or(
		and(inArray(caseFile.ownerOrganisationId, orgs), sql`${caseFile.status} <> 'anonymised'`),
		and(
			sql`${caseFile.status} <> 'anonymised'`,
			sql`exists (select 1 from ${caseGrant} where ${caseGrant.caseFileId} = ${caseFile.id} and ${inArray(caseGrant.organisationId, orgs)} and ${caseGrant.revokedAt} is null and ${caseGrant.expiresAt} > ${now.toISOString()})`
		)
	)!;
}

/** Every grant of these files (active or not): the policy decides with dates itself. */
export async function grantsOf(db: Database, caseFileIds: string[]): Promise<Map<string, FileSubject['grants'][number][]>> {
	const out = new Map<string, FileSubject['grants'][number][]>();
	if (caseFileIds.length === 0) return out;
	const rows = await db
		.select({ caseFileId: caseGrant.caseFileId, organisationId: caseGrant.organisationId, sections: caseGrant.sections, expiresAt: caseGrant.expiresAt, revokedAt: caseGrant.revokedAt })
		.from(caseGrant)
		.where(and(inArray(caseGrant.caseFileId, caseFileIds), isNull(caseGrant.revokedAt), gt(caseGrant.expiresAt, sql`now() - interval '1 day'`)));
	for (const r of rows) {
		const list = out.get(r.caseFileId) ?? [];
		list.push({ organisationId: r.organisationId, sections: r.sections, expiresAt: r.expiresAt, revokedAt: r.revokedAt });
		out.set(r.caseFileId, list);
	}
	return out;
}

export type CaseFileRow = typeof caseFile.$inferSelect;

/** A file and its grants, as the policy needs it; null when the id is unknown. */
export async function loadFileSubject(db: Database, id: string): Promise<{ file: CaseFileRow; subject: FileSubject } | null> {
	const [file] = await db.select().from(caseFile).where(eq(caseFile.id, id)).limit(1);
	if (!file) return null;
	const grants = (await grantsOf(db, [id])).get(id) ?? [];
	return { file, subject: { ownerOrganisationId: file.ownerOrganisationId, status: file.status, grants } };
}
