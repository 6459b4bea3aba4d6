import type { Database } from '../db/client';
import type { BroadcastEventSource } from './broadcast.types';

/**
 * Where the app's worker reads events: the agenda domain implements BroadcastEventSource
 * (agenda.broadcast.ts) and is plugged in here when both are merged. Until then the channel has
 * no events to read: a queued event counts as gone (nothing posted) and digests are empty.
 */
export function appEventSource(_db: Database): BroadcastEventSource {
	return { loadEvent: async () => null, listEvents: async () => [] };
}
