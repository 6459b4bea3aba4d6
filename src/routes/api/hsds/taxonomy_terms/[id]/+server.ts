import { hsdsTaxonomyTermById } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/taxonomy_terms/{id}: a term by its UUID (or code). */
export const GET: RequestHandler = ({ params, url }) => hsdsTaxonomyTermById(params.id, url);
