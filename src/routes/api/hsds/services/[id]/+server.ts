import { hsdsService } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/services/{id}: one published service, fully nested. */
export const GET: RequestHandler = ({ params, url }) => hsdsService(params.id, url);
