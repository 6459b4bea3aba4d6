import { reportPdf } from '$server/courses/report/report.pdf';
import { openReport, refusedExport } from '$server/courses/report/report.http';
import type { RequestHandler } from './$types';

/** The quarterly report as a PDF with its charts; audited like the page. */
export const GET: RequestHandler = async (event) => {
	const view = await openReport(event, 'pdf');
	if (!view.ok) return refusedExport(view);
	const pdf = await reportPdf(view.presented, view.charts, view.t, view.locale);
	return new Response(new Uint8Array(pdf), {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="rapport-cours-${view.quarter}-${view.territory}-${view.locale}.pdf"`, 'cache-control': 'private, no-store' }
	});
};
