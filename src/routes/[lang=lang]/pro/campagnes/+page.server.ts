import { directoryRules } from '$server/directory/directory.policy';
import { campaignsFor } from '$server/directory/campaign.http';
import { authorize } from '$server/http/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, directoryRules.moderate);
	return { campaigns: await campaignsFor(event).list() };
};
