import { hsdsTaxonomyById } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/taxonomies/{id}. */
export const GET: RequestHandler = ({ params, url }) => hsdsTaxonomyById(params.id, url);
