import { runtime } from '$server/app/runtime';
import { freshness } from '$server/directory/freshness';
import { directoryRules } from '$server/directory/directory.policy';
import { authorize } from '$server/http/guard';
import type { PageServerLoad } from './$types';

// Counts of services per municipality and kind: no personal data, small counts shown as they are.
export const load: PageServerLoad = async (event) => {
	authorize(event, directoryRules.moderate);
	return { stats: await freshness(runtime().database.db) };
};
