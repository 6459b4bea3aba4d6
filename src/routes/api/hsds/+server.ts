import { hsdsRoot } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

// /api/hsds and /api/hsds/ both answer (HSDS clients append paths to the base URL).
export const trailingSlash = 'ignore';

/** GET /api/hsds/: the Open Referral HSDS version and where the API is described. */
export const GET: RequestHandler = ({ url }) => hsdsRoot(url);
