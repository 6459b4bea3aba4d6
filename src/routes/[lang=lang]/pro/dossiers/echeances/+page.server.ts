import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { presentWorklistRows } from '$server/cases/cases.parcours.presenter';
import { worklist } from '$server/cases/cases.parcours.worklist';
import { casesRules } from '$server/cases/cases.policy';
import { authorize, requestContext } from '$server/http/guard';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { PageServerLoad } from './$types';

export const csr = false;

const DEFAULT_IDLE_DAYS = 30;

// The worklist of Parcours deadlines: files in the actor's scope whose Parcours they may see.
export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, casesRules['file.list']);
	const db = runtime().database.db;
	const identity = createIdentityRepository({ db });
	const [municipalities, members] = await Promise.all([
		createTerritoryRepository({ db }).listMunicipalities(),
		Promise.all([...actor.memberships.keys()].map((org) => identity.members.of(org)))
	]);
	const workers = [...new Map(members.flat().filter((m) => m.role !== 'reader').map((m) => [m.userId, m.name])).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));

	// Filters from the query: a wrong value is said next to its field and left out.
	const q = event.url.searchParams;
	const errors: Record<string, string> = {};
	const n = q.get('n')?.trim() ?? '';
	const idleParsed = z.coerce.number().int().min(1).max(3650).safeParse(n);
	if (n && !idleParsed.success) errors.n = 'pro.errors.idleDays';
	const idleDays = n && idleParsed.success ? idleParsed.data : DEFAULT_IDLE_DAYS;
	const nisCode = municipalities.some((m) => m.nisCode === q.get('municipality')) ? q.get('municipality') : null;
	if (q.get('municipality') && !nisCode) errors.municipality = 'pro.errors.municipality';
	const workerId = workers.some((w) => w.id === q.get('worker')) ? q.get('worker') : null;
	if (q.get('worker') && !workerId) errors.worker = 'pro.errors.invalid';

	const now = new Date();
	const w = await worklist(db, actor, { idleDays, nisCode, workerId }, now);
	const present = (rows: typeof w.overdue) => presentWorklistRows(db, actor, rows, now);
	const overdue = await present(w.overdue);
	const coming = await present(w.coming);
	const idle = await present(w.idle);
	// A list of names and deadlines is a read of personal data: one row for the page, with counts only.
	await recordAudit(db, { actorUserId: actor.userId, action: 'parcours.worklist.viewed', subjectType: 'case_file_list', purpose: 'worklist', ipHash: requestContext(event).ipHash, details: { overdue: overdue.length, coming: coming.length, idle: idle.length } });
	return {
		filters: { n: n || String(DEFAULT_IDLE_DAYS), municipality: q.get('municipality') ?? '', worker: q.get('worker') ?? '' },
		idleDays,
		errors,
		municipalities: municipalities.map((m) => ({ nisCode: m.nisCode, name: m.nameFr })),
		workers,
		overdue,
		coming,
		idle,
		totals: w.totals
	};
};
