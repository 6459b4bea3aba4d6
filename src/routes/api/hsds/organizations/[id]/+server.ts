import { hsdsOrganization } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/organizations/{id}: an organisation with its published services. */
export const GET: RequestHandler = ({ params, url }) => hsdsOrganization(params.id, url);
