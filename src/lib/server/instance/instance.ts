import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import instanceFile from '../../../../data/instance.json';
import type { Database } from '../db/client';
import { instanceSetting } from './instance.table';

export type Operator = {
	shortName: string;
	legalName: string;
	fullName: string;
	street: string;
	postalCode: string;
	city: string;
	phone: string;
	email: string;
	website: string;
};

/** The organisation that runs this instance (data/instance.json). */
export const operator: Operator = instanceFile.operator;

export type InstanceState = { initialisedAt: string; demo: boolean };

/** A domain's demo loader: fictitious but realistic rows, marked as such. */
export type DemoSeeder = { name: string; seed(db: Database): Promise<void> };

/**
 * Records the instance on its very first start and, in demo mode, loads every domain's demo data
 * once. Later starts never load demo data, so a production database started once with
 * PASSERELLE_DEMO=0 stays free of it even if the flag is later forgotten.
 */
export async function initialiseInstance(
	db: Database,
	{ demo, seeders }: { demo: boolean; seeders: readonly DemoSeeder[] }
): Promise<InstanceState> {
	const [existing] = await db.select().from(instanceSetting).where(eq(instanceSetting.key, 'instance'));
	if (existing) return existing.value as InstanceState;
	const state: InstanceState = { initialisedAt: new Date().toISOString(), demo };
	await db.transaction(async (tx) => {
		const inserted = await tx
			.insert(instanceSetting)
			.values({ key: 'instance', value: state })
			.onConflictDoNothing()
			.returning({ key: instanceSetting.key });
		// Another process initialised it first: it loads the demo data, not us.
		if (inserted.length === 0 || !demo) return;
		for (const seeder of seeders) await seeder.seed(tx as unknown as Database);
	});
	const [stored] = await db.select().from(instanceSetting).where(eq(instanceSetting.key, 'instance'));
	return stored!.value as InstanceState;
}

/**
 * The instance secret: PASSERELLE_SECRET when set, else one generated on the first start and kept
 * in the database, so that every process of the instance derives the same keys.
 */
export async function instanceSecret(db: Database, configured: string | undefined): Promise<string> {
	if (configured) return configured;
	await db
		.insert(instanceSetting)
		.values({ key: 'secret', value: { value: randomBytes(48).toString('base64url') } })
		.onConflictDoNothing();
	const [row] = await db.select().from(instanceSetting).where(eq(instanceSetting.key, 'secret'));
	return (row!.value as { value: string }).value;
}
