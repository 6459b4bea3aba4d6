import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { StartupError } from '../config/config';
import type { DatabaseHandle } from './client';

/** Arbitrary but fixed key of the advisory lock that serialises migrations across app processes. */
const MIGRATION_LOCK = 7_316_204_511;

export function migrationsFolder(): string {
	return path.resolve(process.env.PASSERELLE_MIGRATIONS_DIR ?? 'drizzle');
}

/**
 * Applies the one migration history (drizzle/) to either engine.
 * On PostgreSQL several app processes may start at once: an advisory lock on a reserved
 * connection makes them take turns, and the later ones find nothing left to do.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
	const folder = migrationsFolder();
	try {
		if (handle.engine === 'pglite') {
			await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
			return;
		}
		// The lock is held by one reserved connection for the whole run, while the migrations
		// themselves go through the pool (a reserved connection cannot open transactions).
		const pool = handle.raw.postgres!;
		const reserved = await pool.reserve();
		try {
			await reserved`select pg_advisory_lock(${MIGRATION_LOCK})`;
			await migratePostgres(drizzlePostgres({ client: pool }), { migrationsFolder: folder });
		} finally {
			await reserved`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
			reserved.release();
		}
	} catch (error) {
		if (error instanceof StartupError) throw error;
		const e = error as { message?: string; cause?: { message?: string } };
		const reason = (e.cause?.message ?? e.message ?? 'unknown error').split('\n')[0];
		throw new StartupError(`database: migration failed (${reason})`);
	}
}
