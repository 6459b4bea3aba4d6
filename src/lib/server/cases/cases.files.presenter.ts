import type { Database } from '../db/client';
import type { Actor } from '../policy/policy';
import { caseAccess } from './cases.policy';
import type { FileListRow } from './cases.files.repository';
import { grantsOf, type CaseFileRow } from './cases.scope';

/** A row of the list as the actor may see it: the name and municipality only with the identity section. */
export type FileListItem = {
	id: string;
	name: string | null;
	reference: string;
	pseudonymous: boolean;
	birthYear: number | null;
	municipality: string | null;
	status: string;
	owner: boolean;
	ownerOrganisationName: string;
	assignedUserName: string | null;
	lastActivityAt: Date;
};

/**
 * Passes each listed row through `caseAccess` (the SQL scope chose them; the policy has the last
 * word) and keeps what the access allows. Rows the policy refuses are dropped.
 */
export async function presentFileList(db: Database, actor: Actor, rows: FileListRow[], now = new Date()): Promise<FileListItem[]> {
	const grants = await grantsOf(
		db,
		rows.map((r) => r.id)
	);
	const out: FileListItem[] = [];
	for (const r of rows) {
		const access = caseAccess(actor, { ownerOrganisationId: r.ownerOrganisationId, status: r.status, grants: grants.get(r.id) ?? [], now });
		if (!access) continue;
		const identity = access.sections.has('identity');
		out.push({
			id: r.id,
			name: identity ? [r.firstName, r.lastName].filter(Boolean).join(' ') : null,
			reference: `#${r.id.slice(0, 8)}`,
			pseudonymous: identity && r.pseudonymous,
			birthYear: identity ? r.birthYear : null,
			municipality: identity ? r.municipalityName : null,
			status: r.status,
			owner: access.owner,
			ownerOrganisationName: r.ownerOrganisationName,
			assignedUserName: access.owner ? r.assignedUserName : null,
			lastActivityAt: r.lastActivityAt
		});
	}
	return out;
}

/** The identity section of a file, for its overview and identity pages (the caller checked the section). */
export function presentIdentity(file: CaseFileRow, municipalityName: string | null, assignedUserName: string | null) {
	return {
		firstName: file.firstName,
		lastName: file.lastName,
		pseudonymous: file.pseudonymous,
		birthYear: file.birthYear,
		birthDate: file.birthDate,
		preferredLanguages: file.preferredLanguages,
		nisCode: file.nisCode,
		municipality: municipalityName,
		phone: file.phone,
		email: file.email,
		assignedUserId: file.assignedUserId,
		assignedUserName
	};
}

