import { hsdsOrganizations } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/organizations: organisations with at least one published service. */
export const GET: RequestHandler = ({ url }) => hsdsOrganizations(url);
