import { hsdsTaxonomies } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/taxonomies: the taxonomy of needs. */
export const GET: RequestHandler = ({ url }) => hsdsTaxonomies(url);
