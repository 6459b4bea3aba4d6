import type { Database } from '../db/client';
import type { BroadcastChange } from './broadcast.types';

/**
 * Queues the channel message for an event's change, inside the caller's transaction so that a
 * rolled-back publication posts nothing. (Stub: the broadcast queue replaces it.)
 */
export async function enqueueEventBroadcast(_db: Database, _change: { eventId: string; change: BroadcastChange }): Promise<void> {}
