import { json } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import type { RequestHandler } from './$types';

/** For load balancers and monitoring: 200 when the database answers within 2 s, else 503. */
export const GET: RequestHandler = async () => {
	const { database } = runtime();
	const started = performance.now();
	const noStore = { 'Cache-Control': 'no-store' };
	try {
		await Promise.race([
			database.ping(),
			new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())
		]);
		return json({ status: 'ok', database: { engine: database.engine, ms: Math.round(performance.now() - started) } }, { headers: noStore });
	} catch {
		return json({ status: 'unavailable', database: { engine: database.engine } }, { status: 503, headers: noStore });
	}
};
