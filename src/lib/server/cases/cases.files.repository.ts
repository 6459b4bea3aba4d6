import { and, asc, desc, eq, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { membership, organisation, userAccount } from '../identity/identity.table';
import { isSignedIn, type Actor } from '../policy/policy';
import { municipality } from '../territory/territory.table';
import type { FileFilters } from './cases.files.schemas';
import { caseFileScope } from './cases.scope';
import { caseFile, caseGrant } from './cases.table';

export const PAGE_SIZE = 50;

/**
 * The loose search key of a file's name: `f_person_key(first_name, last_name)`, stored in the
 * generated column `case_file.name_key` and trigram-indexed (drizzle/0008_case_file_search.sql).
 */
export const nameKey = sql`${caseFile}."name_key"`;

/**
 * Files whose identity section the actor sees: owned by one of their organisations, or granted
 * with 'identity'. Filters on identity facts (name, municipality) only ever match those, so a
 * grantee cannot learn a name or a municipality by probing the filters.
 */
function identityVisible(orgs: string[], now: Date): SQL {
	return or(
		inArray(caseFile.ownerOrganisationId, orgs),
		sql`exists (select 1 from ${caseGrant} where ${caseGrant.caseFileId} = ${caseFile.id} and ${inArray(caseGrant.organisationId, orgs)} and ${caseGrant.revokedAt} is null and ${caseGrant.expiresAt} > ${now.toISOString()} and 'identity' = any(${caseGrant.sections}))`
	)!;
}

export type FileListRow = {
	id: string;
	ownerOrganisationId: string;
	ownerOrganisationName: string;
	firstName: string;
	lastName: string | null;
	pseudonymous: boolean;
	birthYear: number | null;
	nisCode: string | null;
	municipalityName: string | null;
	status: string;
	lastActivityAt: Date;
	assignedUserId: string | null;
	assignedUserName: string | null;
};

export function createCaseFilesRepository({ db }: { db: Database }) {
	/**
	 * One page of the files an actor may see, newest activity first. `extraConditions` is the hook
	 * for other parts' filters (the Parcours' step and deadline): SQL on `case_file`, ANDed in.
	 */
	async function list(actor: Actor, filters: FileFilters, { extraConditions = [], now = new Date(), pageSize = PAGE_SIZE }: { extraConditions?: SQL[]; now?: Date; pageSize?: number } = {}) {
		if (!isSignedIn(actor)) return { rows: [] as FileListRow[], hasMore: false };
		const orgs = [...actor.memberships.keys()];
		const conditions: SQL[] = [caseFileScope(actor, now), ...extraConditions];
		conditions.push(filters.status === 'all' ? inArray(caseFile.status, ['open', 'closed']) : eq(caseFile.status, filters.status));
		if (filters.worker === 'none') conditions.push(isNull(caseFile.assignedUserId));
		else if (filters.worker) conditions.push(eq(caseFile.assignedUserId, filters.worker));
		if (filters.municipality || filters.q) conditions.push(identityVisible(orgs, now));
		if (filters.municipality) conditions.push(eq(caseFile.nisCode, filters.municipality));
		// Two index-friendly branches, each already ordered and cut to the page's end: the files of
		// the actor's organisations (owner + activity index), and those granted to them (a few grants).
		// The scope above still applies to both: the branches only choose how rows are found.
		const reach = (filters.page - 1) * pageSize + pageSize + 1;
		const columns = { id: caseFile.id, at: caseFile.lastActivityAt };
		const grantedIds = db.select({ id: caseGrant.caseFileId }).from(caseGrant).where(and(inArray(caseGrant.organisationId, orgs), isNull(caseGrant.revokedAt), sql`${caseGrant.expiresAt} > ${now.toISOString()}`));
		// A name: a substring of the unaccented name, or a close spelling (trigram similarity) on the
		// stored name key. The owned branch finds its matches through the (owner, name trigrams) index,
		// once (an InitPlan) from three characters on, not once per row of its ordered walk. The granted
		// branch tests each of its few granted files: written with functions rather than the indexable
		// operators, so the planner cannot prefer the trigram index over the whole table (25 ms at 100k).
		const q = sql`f_search_key(${filters.q})`;
		const match = sql`(${nameKey} like '%' || ${q} || '%' or ${nameKey} % ${q})`;
		const ownedNamed = !filters.q ? undefined : filters.q.length >= 3 ? sql`${caseFile.id} = any(array(select ${caseFile.id} from ${caseFile} where ${inArray(caseFile.ownerOrganisationId, orgs)} and ${match}))` : match;
		const grantedNamed = !filters.q ? undefined : sql`(strpos(${nameKey}, ${q}) > 0 or similarity(${nameKey}, ${q}) >= current_setting('pg_trgm.similarity_threshold')::real)`;
		const owned = db
			.select(columns)
			.from(caseFile)
			.where(and(inArray(caseFile.ownerOrganisationId, orgs), ...conditions, ownedNamed))
			.orderBy(desc(caseFile.lastActivityAt), desc(caseFile.id))
			.limit(reach);
		const granted = db
			.select(columns)
			.from(caseFile)
			.where(and(inArray(caseFile.id, grantedIds), notInArray(caseFile.ownerOrganisationId, orgs), ...conditions, grantedNamed))
			.orderBy(desc(caseFile.lastActivityAt), desc(caseFile.id))
			.limit(reach);
		const source = filters.organisation === 'owned' ? owned : filters.organisation === 'shared' ? granted : owned.unionAll(granted);
		const candidates = source.as('candidates');
		const rows = await db
			.select({
				id: caseFile.id,
				ownerOrganisationId: caseFile.ownerOrganisationId,
				ownerOrganisationName: organisation.name,
				firstName: caseFile.firstName,
				lastName: caseFile.lastName,
				pseudonymous: caseFile.pseudonymous,
				birthYear: caseFile.birthYear,
				nisCode: caseFile.nisCode,
				municipalityName: municipality.nameFr,
				status: caseFile.status,
				lastActivityAt: caseFile.lastActivityAt,
				assignedUserId: caseFile.assignedUserId,
				assignedUserName: userAccount.name
			})
			.from(candidates)
			.innerJoin(caseFile, eq(caseFile.id, candidates.id))
			.innerJoin(organisation, eq(organisation.id, caseFile.ownerOrganisationId))
			.leftJoin(municipality, eq(municipality.nisCode, caseFile.nisCode))
			.leftJoin(userAccount, eq(userAccount.id, caseFile.assignedUserId))
			.orderBy(desc(candidates.at), desc(candidates.id))
			.limit(pageSize + 1)
			.offset((filters.page - 1) * pageSize);
		return { rows: rows.slice(0, pageSize) as FileListRow[], hasMore: rows.length > pageSize };
	}

	/** The people a file may be assigned to: members of these organisations who may edit files (not readers). */
	async function assignableWorkers(organisationIds: string[]) {
		if (organisationIds.length === 0) return [];
		return db
			.select({ userId: userAccount.id, name: userAccount.name, organisationId: membership.organisationId })
			.from(membership)
			.innerJoin(userAccount, eq(userAccount.id, membership.userId))
			.where(and(inArray(membership.organisationId, organisationIds), ne(membership.role, 'reader'), isNull(userAccount.disabledAt)))
			.orderBy(asc(userAccount.name));
	}

	/**
	 * Possible duplicates of a new person within one organisation: a close name (trigram similarity
	 * of the unaccented first and last names, or of the first names when one side has no last name)
	 * and, when both are known, a birth year at most one year apart. Never merged: only suggested.
	 */
	async function possibleDuplicates(organisationId: string, person: { firstName: string; lastName: string | null; birthYear: number | null }, limit = 5) {
		const full = `${person.firstName} ${person.lastName ?? ''}`;
		const firstOnly = person.lastName === null ? sql`true` : sql`${caseFile.lastName} is null`;
		const score = sql<number>`greatest(
			similarity(${nameKey}, f_search_key(${full})),
			case when ${firstOnly} then similarity(f_search_key(${caseFile.firstName}), f_search_key(${person.firstName})) else 0 end
		)`;
		const year = person.birthYear;
		return db
			.select({ id: caseFile.id, firstName: caseFile.firstName, lastName: caseFile.lastName, birthYear: caseFile.birthYear, status: caseFile.status, municipalityName: municipality.nameFr, score })
			.from(caseFile)
			.leftJoin(municipality, eq(municipality.nisCode, caseFile.nisCode))
			.where(
				and(
					eq(caseFile.ownerOrganisationId, organisationId),
					ne(caseFile.status, 'anonymised'),
					// Candidates through the (owner, name trigrams) index first (default threshold 0.3), then the exact score.
					sql`${caseFile.id} = any(array(select ${caseFile.id} from ${caseFile} where ${caseFile.ownerOrganisationId} = ${organisationId} and (${nameKey} % f_search_key(${full}) or ${nameKey} % f_search_key(${person.firstName}))))`,
					year === null ? undefined : sql`(${caseFile.birthYear} is null or abs(${caseFile.birthYear} - ${year}) <= 1)`,
					sql`${score} >= 0.45`
				)
			)
			.orderBy(desc(score))
			.limit(limit);
	}

	/** A user's name (the assigned worker on a file page). */
	async function userName(id: string | null): Promise<string | null> {
		if (!id) return null;
		const [row] = await db.select({ name: userAccount.name }).from(userAccount).where(eq(userAccount.id, id));
		return row?.name ?? null;
	}

	return { list, assignableWorkers, possibleDuplicates, userName };
}

export type CaseFilesRepository = ReturnType<typeof createCaseFilesRepository>;
