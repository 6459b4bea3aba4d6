import { eq } from 'drizzle-orm';
import type { CaseHeader, CaseTabKey } from '$lib/cases/tabs';
import type { Database } from '../db/client';
import { organisation } from '../identity/identity.table';
import type { CaseAccess } from './cases.policy';
import type { CaseFileRow } from './cases.scope';

/** The tabs an access opens: owner-only tabs (consents, referrals, access log, rights) and section tabs. */
export function visibleTabs(access: CaseAccess): CaseTabKey[] {
	const s = access.sections;
	const tabs: CaseTabKey[] = ['overview'];
	if (s.has('identity')) tabs.push('identity');
	if (s.has('parcours')) tabs.push('parcours', 'courses');
	if (s.has('notes') || s.has('social') || s.has('restricted') || s.has('residence') || s.has('health') || s.has('legal')) tabs.push('notes', 'documents');
	if (access.owner && access.role !== 'reader') tabs.push('consents', 'referrals', 'access');
	if (access.owner && (access.role === 'admin' || access.role === 'coordinator')) tabs.push('rights');
	return tabs;
}

/** A file's name as a worker sees it: only with the identity section; otherwise a neutral reference. */
export function displayName(file: CaseFileRow, access: CaseAccess): string {
	if (!access.sections.has('identity')) return `#${file.id.slice(0, 8)}`;
	return [file.firstName, file.lastName].filter(Boolean).join(' ');
}

/** The header every case page shows: name (if the identity section is visible), status, owner, tabs. */
export async function presentCaseHeader(db: Database, file: CaseFileRow, access: CaseAccess): Promise<CaseHeader> {
	const [owner] = await db.select({ name: organisation.name }).from(organisation).where(eq(organisation.id, file.ownerOrganisationId));
	return {
		id: file.id,
		displayName: displayName(file, access),
		pseudonymous: file.pseudonymous,
		status: file.status,
		owner: access.owner,
		ownerOrganisationName: owner?.name ?? '',
		tabs: visibleTabs(access)
	};
}
