import { desc } from 'drizzle-orm';
import type { Database } from '../db/client';
import { outbox } from './notify.table';

export function createOutboxRepository({ db }: { db: Database }) {
	return {
		latest: (limit = 100) => db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit)
	};
}
