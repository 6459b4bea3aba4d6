import { directoryRules } from '$server/directory/directory.policy';
import { exportResponse } from '$server/directory/spreadsheet/http';
import { authorize, requestContext } from '$server/http/guard';
import type { RequestHandler } from './$types';

/** The whole directory (working versions) as a spreadsheet: directory editors. */
export const GET: RequestHandler = async (event) => {
	const actor = authorize(event, directoryRules.moderate);
	return exportResponse({ organisationId: null }, 'xlsx', 'annuaire', { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
};
