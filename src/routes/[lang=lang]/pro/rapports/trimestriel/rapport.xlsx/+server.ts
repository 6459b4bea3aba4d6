import { openReport, refusedExport } from '$server/courses/report/report.http';
import { reportWorkbook } from '$server/courses/report/report.xlsx';
import type { RequestHandler } from './$types';

/** The quarterly report as a workbook (one sheet per table, notes); audited like the page. */
export const GET: RequestHandler = async (event) => {
	const view = await openReport(event, 'xlsx');
	if (!view.ok) return refusedExport(view);
	const body = new Uint8Array(await reportWorkbook(view.presented, view.t));
	return new Response(body, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="rapport-cours-${view.quarter}-${view.territory}.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
};
