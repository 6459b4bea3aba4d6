import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { syncTaxonomy } from '../directory/taxonomy';
import { createTerritoryRepository } from '../territory/territory.repository';
import { openDatabase, type DatabaseHandle } from './client';
import { migrateDatabase } from './migrate';

/**
 * A fresh, migrated database for one test file, with the territory loaded.
 * Without DATABASE_URL: an in-memory PGlite. With it: a new database on that PostgreSQL server,
 * dropped again by close(), so the same suites prove the SQL on both engines.
 */
export async function freshDatabase({ migrate = true }: { migrate?: boolean } = {}): Promise<DatabaseHandle & { url?: string }> {
	const serverUrl = process.env.DATABASE_URL;
	let handle: DatabaseHandle;
	let drop: (() => Promise<void>) | undefined;
	let databaseUrl: string | undefined;
	if (serverUrl) {
		const name = `passerelle_test_${randomBytes(6).toString('hex')}`;
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		handle = await openDatabase({ engine: 'postgres', url: databaseUrl, max: 4 });
		drop = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	} else {
		handle = await openDatabase({ engine: 'pglite' });
	}
	if (migrate) {
		await migrateDatabase(handle);
		await createTerritoryRepository({ db: handle.db }).sync();
		await syncTaxonomy(handle.db);
	}
	const close = handle.close;
	return {
		...handle,
		url: databaseUrl,
		close: async () => {
			await close();
			await drop?.();
		}
	};
}
