import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { casesRules } from '$server/cases/cases.policy';
import { presentFileList } from '$server/cases/cases.files.presenter';
import { createCaseFilesRepository, PAGE_SIZE } from '$server/cases/cases.files.repository';
import { parseFileFilters } from '$server/cases/cases.files.schemas';
import { authorize, requestContext } from '$server/http/guard';
import { decide, type Actor } from '$server/policy/policy';
import { deadlineFilters, parcoursListConditions, stepFilters } from '$server/cases/cases.parcours.worklist';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { SQL } from 'drizzle-orm';
import type { PageServerLoad } from './$types';

export const csr = false;

/** Filters other parts add to the list (the Parcours' step and deadline): SQL conditions ANDed into the scoped query. */
const extraConditions = (params: URLSearchParams, actor: Actor): SQL[] => parcoursListConditions({ step: params.get('step'), deadline: params.get('deadline'), actor });

// The files the actor may see (scoped in SQL, each row passed through the policy), with GET filters.
export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, casesRules['file.list']);
	const db = runtime().database.db;
	const filters = parseFileFilters(event.url.searchParams);
	const repo = createCaseFilesRepository({ db });
	const { rows, hasMore } = await repo.list(actor, filters, { extraConditions: extraConditions(event.url.searchParams, actor) });
	const files = await presentFileList(db, actor, rows);
	// Names on a list are personal data read: one audit row per page shown (ids only).
	await recordAudit(db, {
		actorUserId: actor.userId,
		action: 'case_file.list.viewed',
		subjectType: 'case_file',
		purpose: 'list',
		ipHash: requestContext(event).ipHash,
		details: { count: files.length, page: filters.page }
	});
	const orgs = [...actor.memberships.keys()];
	const query = (page: number) => {
		const p = new URLSearchParams(event.url.searchParams);
		p.set('page', String(page));
		return p.toString();
	};
	return {
		files,
		filters,
		previous: filters.page > 1 ? query(filters.page - 1) : null,
		next: hasMore ? query(filters.page + 1) : null,
		pageSize: PAGE_SIZE,
		workers: (await repo.assignableWorkers(orgs)).filter((w, i, all) => all.findIndex((x) => x.userId === w.userId) === i).map((w) => ({ id: w.userId, name: w.name })),
		municipalities: (await createTerritoryRepository({ db }).listMunicipalities()).map((m) => ({ nisCode: m.nisCode, name: m.nameFr })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		canCreate: orgs.some((o) => decide(actor, casesRules['file.create'], { organisationId: o }) === true),
		parcoursFilters: { steps: [...stepFilters], deadlines: [...deadlineFilters], step: event.url.searchParams.get('step') ?? '', deadline: event.url.searchParams.get('deadline') ?? '' }
	};
};
