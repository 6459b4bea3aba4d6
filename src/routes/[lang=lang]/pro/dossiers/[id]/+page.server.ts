import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { presentIdentity } from '$server/cases/cases.files.presenter';
import { createCaseFilesRepository } from '$server/cases/cases.files.repository';
import { createCaseFiles } from '$server/cases/cases.files.usecases';
import { casesRules } from '$server/cases/cases.policy';
import { presentCaseHeader } from '$server/cases/cases.presenter';
import { fileTimeline } from '$server/cases/cases.timeline';
import { openCaseFile } from '$server/cases/load-case-file';
import { requestContext } from '$server/http/guard';
import { can } from '$server/policy/policy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

// The overview: status, owner and assigned worker, the identity when its section is visible, and
// the timeline of changes the actor may see; close and reopen for those who manage the file.
export const load: PageServerLoad = async (event) => {
	const { actor, file, subject, access } = await openCaseFile(event, event.params.id, { purpose: 'view' });
	const db = runtime().database.db;
	const before = Number(event.url.searchParams.get('avant')) || undefined;
	const showIdentity = access.sections.has('identity');
	if (showIdentity) {
		// The summary shows the identity section: its read is recorded as such.
		await recordAudit(db, { actorUserId: actor.userId, organisationId: access.organisationId, action: 'case_file.viewed', subjectType: 'case_file', subjectId: file.id, section: 'identity', purpose: 'view', ipHash: requestContext(event).ipHash, details: { owner: access.owner } });
	}
	const municipality = showIdentity && file.nisCode ? await createTerritoryRepository({ db }).byNisCode(file.nisCode) : null;
	const assignedUserName = await createCaseFilesRepository({ db }).userName(file.assignedUserId);
	return {
		header: await presentCaseHeader(db, file, access),
		identity: showIdentity ? presentIdentity(file, municipality?.nameFr ?? null, assignedUserName) : null,
		summary: { status: file.status, createdAt: file.createdAt, closedAt: file.closedAt, lastActivityAt: file.lastActivityAt, assignedUserName: access.owner ? assignedUserName : null },
		timeline: await fileTimeline(db, file.id, access, { before }),
		canManage: can(actor, casesRules['file.manage'], subject),
		created: event.url.searchParams.has('created')
	};
};

async function changeStatus(event: Parameters<Actions[string]>[0], to: 'closed' | 'open') {
	const { actor, access } = await openCaseFile(event, event.params.id!, { rule: casesRules['file.manage'], audit: false });
	const data = await event.request.formData();
	if (to === 'closed' && data.get('confirm') !== 'on') return fail(400, { statusError: 'pro.cases.close.confirmRequired' });
	const files = createCaseFiles({ db: runtime().database.db });
	const ctx = { actorUserId: actor.userId, organisationId: access.organisationId, ipHash: requestContext(event).ipHash };
	const done = to === 'closed' ? await files.close(event.params.id!, ctx) : await files.reopen(event.params.id!, ctx);
	if (!done) return fail(409, { statusError: to === 'closed' ? 'pro.cases.close.alreadyClosed' : 'pro.cases.close.alreadyOpen' });
	return { statusChanged: to };
}

export const actions: Actions = {
	close: (event) => changeStatus(event, 'closed'),
	reopen: (event) => changeStatus(event, 'open')
};
