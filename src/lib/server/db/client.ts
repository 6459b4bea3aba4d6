import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { StartupError } from '../config/config';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one type every repository takes: the same code runs on PGlite and on PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle = {
	db: Database;
	engine: 'pglite' | 'postgres';
	/** Runs `select 1`; throws when the database does not answer. */
	ping(): Promise<void>;
	close(): Promise<void>;
	/** The raw clients, for migrations and tests; routes never touch them. */
	raw: { pglite?: PGlite; postgres?: postgres.Sql };
};

export type OpenOptions =
	| { engine: 'postgres'; url: string; max?: number }
	/** `dataDir` undefined means in memory (tests). */
	| { engine: 'pglite'; dataDir?: string };

/** Opens the embedded PGlite (a folder, or memory) or a PostgreSQL pool, with one error line on failure. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
	if (options.engine === 'pglite') {
		if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
		let client: PGlite;
		try {
			client = await PGlite.create(options.dataDir ?? 'memory://', {
				extensions: { unaccent, pg_trgm }
			});
		} catch (error) {
			throw new StartupError(
				`database: cannot open the embedded database in ${options.dataDir ?? 'memory'} (${(error as Error).message})`
			);
		}
		const db = drizzlePglite({ client, schema }) as unknown as Database;
		return {
			db,
			engine: 'pglite',
			ping: async () => void (await client.query('select 1')),
			close: () => client.close(),
			raw: { pglite: client }
		};
	}

	const client = postgres(options.url, {
		max: options.max ?? 10,
		connect_timeout: 5,
		onnotice: () => {},
		// Dates stay strings in the driver's text protocol where Drizzle expects them to.
		// No JIT compilation: our queries are short, and once a plan's estimated cost passed
		// jit_above_cost, compiling took ~48 ms for a 7 ms query (the case-file list's filters).
		connection: { application_name: 'passerelle', jit: 'off' }
	});
	try {
		await client`select 1`;
	} catch (error) {
		await client.end({ timeout: 1 }).catch(() => {});
		throw new StartupError(`database: ${explainPostgresError(error, options.url)}`);
	}
	const db = drizzlePostgres({ client, schema }) as unknown as Database;
	return {
		db,
		engine: 'postgres',
		ping: async () => void (await db.execute(sql`select 1`)),
		close: () => client.end({ timeout: 5 }),
		raw: { postgres: client }
	};
}

/** Turns a connection failure into a sentence that names the cause and hides the password. */
export function explainPostgresError(error: unknown, url: string): string {
	let where = 'the server';
	let user = '';
	let database = '';
	try {
		const u = new URL(url);
		where = `${u.hostname || 'localhost'}:${u.port || '5432'}`;
		user = decodeURIComponent(u.username);
		database = decodeURIComponent(u.pathname.replace(/^\//, ''));
	} catch {
		/* keep defaults */
	}
	const e = error as { code?: string; message?: string };
	switch (e.code) {
		case 'ECONNREFUSED':
			return `cannot reach PostgreSQL at ${where} (connection refused); check DATABASE_URL`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `cannot resolve the host of DATABASE_URL (${where})`;
		case 'CONNECT_TIMEOUT':
		case 'ETIMEDOUT':
			return `PostgreSQL at ${where} did not answer within 5 s; check DATABASE_URL`;
		case '28P01':
		case '28000':
			return `PostgreSQL at ${where} refused the credentials of user "${user}"`;
		case '3D000':
			return `database "${database}" does not exist on ${where}`;
		default:
			return `cannot connect to PostgreSQL at ${where} (${e.code ?? e.message ?? 'unknown error'})`;
	}
}
