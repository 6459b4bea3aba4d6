import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { publicOrigin } from '$server/http/security-headers';
import { apiHeaders, problem, responseLocale, serviceResource } from '$server/directory/directory.api';
import { directoryIndex } from '$server/directory/directory.search';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url }) => {
	if (!z.uuid().safeParse(params.id).success) return problem(404, 'No such service');
	const service = (await directoryIndex(runtime().database.db)).get(params.id);
	if (!service) return problem(404, 'No such service');
	return json(serviceResource(service, responseLocale(url.searchParams.get('locale')), publicOrigin(url)), { headers: apiHeaders });
};
