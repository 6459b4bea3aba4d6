import { runtime } from '$server/app/runtime';
import { filesDueForRetention, latestRetentionRuns } from '$server/cases/rights/retention.usecases';
import { casesRightsRules } from '$server/cases/rights/rights.policy';
import { authorize } from '$server/http/guard';
import type { PageServerLoad } from './$types';

// The retention job's last runs and how many files the next one would anonymise: counts only.
export const load: PageServerLoad = async (event) => {
	authorize(event, casesRightsRules['retention.view']);
	const { database, config } = runtime();
	const years = config.caseRetentionYears;
	const [runs, due] = await Promise.all([latestRetentionRuns(database.db, 30), filesDueForRetention(database.db, { now: new Date(), years, limit: 0 })]);
	return {
		years,
		due: due.total,
		requestsDue: due.courseRequests,
		runs: runs.map((r) => ({ id: r.id, trigger: r.trigger, startedAt: r.startedAt, finishedAt: r.finishedAt, cutoff: r.cutoff, anonymised: r.anonymised, failed: r.failed, courseRequestsErased: r.courseRequestsErased }))
	};
};
