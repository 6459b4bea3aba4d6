import { hsdsServiceAtLocations } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/service_at_locations: each published service at each of its locations. */
export const GET: RequestHandler = ({ url }) => hsdsServiceAtLocations(url);
