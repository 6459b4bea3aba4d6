import { hsdsServiceAtLocation } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/service_at_locations/{id}: fully nested. */
export const GET: RequestHandler = ({ params, url }) => hsdsServiceAtLocation(params.id, url);
