import { json } from '@sveltejs/kit';
import { apiHeaders } from '$server/directory/directory.api';
import { hsdsOpenApi } from '$server/directory/hsds.api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => json(hsdsOpenApi(url), { headers: apiHeaders });
