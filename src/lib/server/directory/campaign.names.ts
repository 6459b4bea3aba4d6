import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { municipality } from '../territory/territory.table';

/** Municipality names (French, as on signs) for a list of NIS codes, sorted. */
export async function territoryNames(db: Database, nisCodes: string[]): Promise<string[]> {
	if (!nisCodes.length) return [];
	const rows = await db.select({ name: municipality.nameFr }).from(municipality).where(inArray(municipality.nisCode, nisCodes));
	return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'fr'));
}
