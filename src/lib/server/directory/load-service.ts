import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '../app/runtime';
import { createServiceEditing } from './directory.editing';

/** The service of a pro route (working version), 404 when malformed or unknown. */
export async function loadWorkingService(id: string) {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const row = await createServiceEditing({ db: runtime().database.db }).byId(id);
	if (!row) error(404, 'Not Found');
	return row;
}
