import { exportResponse } from '$server/cases/rights/rights.http';
import type { RequestHandler } from './$types';

// Everything held about the person, as a PDF in their language (?lang=).
export const GET: RequestHandler = (event) => exportResponse(event, 'pdf');
