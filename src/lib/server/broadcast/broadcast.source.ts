import { createAgendaBroadcastSource } from '../agenda/agenda.broadcast';
import type { Database } from '../db/client';
import type { BroadcastEventSource } from './broadcast.types';

/** Where the app's worker reads events: the agenda's published activities, linked at the site's origin. */
export function appEventSource(db: Database, origin: string): BroadcastEventSource {
	return createAgendaBroadcastSource({ db, baseUrl: origin });
}
