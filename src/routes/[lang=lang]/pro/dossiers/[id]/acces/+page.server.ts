import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { openCaseFile } from '$server/cases/load-case-file';
import { listFileAccess } from '$server/cases/rights/access-log.repository';
import { documentLocale } from '$server/cases/rights/rights.pdf';
import type { PageServerLoad } from './$types';

export const csr = false;

const PAGE = 50;
const query = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

// "Who accessed this file": every audit row about it, newest first. Opening it is itself recorded
// (purpose access-log), so the first line is this very reading.
export const load: PageServerLoad = async (event) => {
	const { file, access } = await openCaseFile(event, event.params.id, { rule: casesRules['file.access-log'], purpose: 'access-log' });
	const { before } = query.parse(Object.fromEntries(event.url.searchParams));
	const db = runtime().database.db;
	const rows = await listFileAccess(db, file.id, { before, limit: PAGE + 1 });
	const shown = rows.slice(0, PAGE);
	return {
		header: await presentCaseHeader(db, file, access),
		entries: shown.map((r) => ({ id: r.id, at: r.at, who: r.actorUserId ? (r.actorName ?? null) : null, system: r.actorUserId === null, organisation: r.organisationName, action: r.action, section: r.section, purpose: r.purpose })),
		older: rows.length > PAGE ? shown[shown.length - 1]!.id : null,
		paged: before !== undefined,
		statementLanguage: documentLocale(file.preferredLanguages)
	};
};
