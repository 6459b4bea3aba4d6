import { openReport } from '$server/courses/report/report.http';
import type { PageServerLoad } from './$types';

export const csr = false;

// The sector's quarterly report: counts only (small counts of people shown "<5"); each view is audited.
export const load: PageServerLoad = async (event) => {
	const { t: _t, locale: _l, ...view } = await openReport(event, 'html');
	return { view };
};
