import { json } from '@sveltejs/kit';
import { apiHeaders, taxonomyResource } from '$server/directory/directory.api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json({ terms: taxonomyResource() }, { headers: apiHeaders });
