import { hsdsTaxonomyTerms } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

/** GET /api/hsds/taxonomy_terms: the needs, in the language asked for. */
export const GET: RequestHandler = ({ url }) => hsdsTaxonomyTerms(url);
