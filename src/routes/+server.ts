import type { RequestHandler } from './$types';

/** "/" sends each visitor to the home page in the best language their browser asks for. */
export const GET: RequestHandler = ({ locals }) =>
	new Response(null, {
		status: 302,
		headers: { Location: `/${locals.locale}`, Vary: 'Accept-Language', 'Cache-Control': 'no-store' }
	});
