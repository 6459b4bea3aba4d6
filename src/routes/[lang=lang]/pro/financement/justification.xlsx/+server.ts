import { fundingDownload } from '$server/courses/funding/download';
import type { RequestHandler } from './$types';

/** The justification as XLSX (summary per funder, per course, per trainee): audited as personal data. */
export const GET: RequestHandler = (event) => fundingDownload(event, 'xlsx');
