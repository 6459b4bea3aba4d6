import { accessStatementResponse } from '$server/cases/rights/rights.http';
import type { RequestHandler } from './$types';

// Who accessed the file, as a PDF for the person, in their language (?lang=, &names=1 to name workers).
export const GET: RequestHandler = (event) => accessStatementResponse(event);
