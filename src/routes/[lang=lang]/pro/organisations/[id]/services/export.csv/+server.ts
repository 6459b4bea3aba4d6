import { directoryRules } from '$server/directory/directory.policy';
import { exportResponse } from '$server/directory/spreadsheet/http';
import { authorize, requestContext } from '$server/http/guard';
import { loadOrganisation } from '$server/identity/load-organisation';
import type { RequestHandler } from './$types';

/** The organisation's services as a spreadsheet, drafts included: for its members and the directory editors. */
export const GET: RequestHandler = async (event) => {
	const org = await loadOrganisation(event.params.id);
	const actor = authorize(event, directoryRules['service.list'], { organisationId: org.id });
	return exportResponse({ organisationId: org.id }, 'csv', 'services', { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
};
