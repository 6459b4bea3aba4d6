import { json } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { publicOrigin } from '$server/http/security-headers';
import { apiHeaders } from '$server/directory/directory.api';
import { openApiDocument } from '$server/directory/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) => json(openApiDocument(publicOrigin(url)), { headers: apiHeaders });
