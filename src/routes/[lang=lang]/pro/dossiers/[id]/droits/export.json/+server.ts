import { exportResponse } from '$server/cases/rights/rights.http';
import type { RequestHandler } from './$types';

// Everything held about the person, machine-readable (format described in ARCHITECTURE.md).
export const GET: RequestHandler = (event) => exportResponse(event, 'json');
