import { hsdsServices } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/services: published services (HSDS 3.0), paginated or as NDJSON. */
export const GET: RequestHandler = ({ url }) => hsdsServices(url);
