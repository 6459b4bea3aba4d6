import { fundingDownload } from '$server/courses/funding/download';
import type { RequestHandler } from './$types';

/** The justification as CSV (per course, and a total per funder): audited. */
export const GET: RequestHandler = (event) => fundingDownload(event, 'csv');
