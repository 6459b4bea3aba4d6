import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { readLocalities, readMunicipalities } from './territory.data';
import { locality, municipality } from './territory.table';

export type Municipality = typeof municipality.$inferSelect;
export type Locality = typeof locality.$inferSelect;

/** One answer to a loosely typed place: the municipality, and the locality when that is what matched. */
export type PlaceMatch = {
	municipality: Municipality;
	/** The locality name that matched ("Jemeppe-Sur-Meuse"), or null when the municipality itself did. */
	locality: string | null;
	postalCode: string | null;
	score: number;
};

export function createTerritoryRepository({ db }: { db: Database }) {
	/**
	 * Loads the reference files on first start and whenever they gain rows: an upsert, so a
	 * corrected name in the CSV reaches existing databases too. Cheap when nothing changed.
	 */
	async function sync(): Promise<{ municipalities: number; localities: number }> {
		const municipalities = readMunicipalities();
		const localities = readLocalities();
		const [counts] = await db
			.select({
				m: sql<number>`(select count(*)::int from ${municipality})`,
				l: sql<number>`(select count(*)::int from ${locality})`
			})
			.from(sql`(select 1) as one`);
		if (counts && counts.m === municipalities.length && counts.l === localities.length) {
			return { municipalities: counts.m, localities: counts.l };
		}
		await db.transaction(async (tx) => {
			await tx
				.insert(municipality)
				.values(municipalities)
				.onConflictDoUpdate({
					target: municipality.nisCode,
					set: {
						nameFr: sql`excluded.name_fr`,
						nameNl: sql`excluded.name_nl`,
						arrondissement: sql`excluded.arrondissement`,
						arrondissementNis: sql`excluded.arrondissement_nis`,
						province: sql`excluded.province`,
						mainPostalCode: sql`excluded.main_postal_code`,
						postalCodes: sql`excluded.postal_codes`,
						lat: sql`excluded.lat`,
						lon: sql`excluded.lon`,
						population: sql`excluded.population`
					}
				});
			await tx
				.insert(locality)
				.values(localities)
				.onConflictDoUpdate({ target: [locality.postalCode, locality.name], set: { nisCode: sql`excluded.nis_code` } });
		});
		return { municipalities: municipalities.length, localities: localities.length };
	}

	async function listMunicipalities(): Promise<Municipality[]> {
		return db.select().from(municipality).orderBy(asc(municipality.arrondissement), asc(municipality.nameFr));
	}

	async function byNisCode(nisCode: string): Promise<Municipality | null> {
		const [row] = await db.select().from(municipality).where(eq(municipality.nisCode, nisCode));
		return row ?? null;
	}

	/** The localities of a postal code, each with its municipality (a code can span villages). */
	async function byPostalCode(postalCode: string): Promise<PlaceMatch[]> {
		const rows = await db
			.select({ m: municipality, l: locality })
			.from(locality)
			.innerJoin(municipality, eq(locality.nisCode, municipality.nisCode))
			.where(eq(locality.postalCode, postalCode))
			.orderBy(asc(locality.name));
		return rows.map((r) => ({
			municipality: r.m,
			locality: r.l.name === r.m.nameFr ? null : r.l.name,
			postalCode: r.l.postalCode,
			score: 1
		}));
	}

	async function localitiesOf(nisCode: string): Promise<Locality[]> {
		return db
			.select()
			.from(locality)
			.where(and(eq(locality.nisCode, nisCode)))
			.orderBy(asc(locality.postalCode), asc(locality.name));
	}

	/**
	 * Finds places from what a person typed: a 5-digit NIS code, a 4-digit postal code, or a name
	 * typed loosely — any case, with or without accents or hyphens, a prefix ("jemeppe"), a word
	 * inside the name ("meuse") or a small typo ("seraign"). Best first; one row per place name.
	 */
	async function findPlaces(query: string, limit = 10): Promise<PlaceMatch[]> {
		const q = query.trim().slice(0, 100);
		if (/^\d{5}$/.test(q)) {
			const m = await byNisCode(q);
			return m ? [{ municipality: m, locality: null, postalCode: null, score: 1 }] : [];
		}
		if (/^\d{4}$/.test(q)) return byPostalCode(q);
		if (q.length < 2) return [];

		// Candidates: the municipalities' French and Dutch names and every locality name.
		// Score 3 exact, 2 prefix, 1.5 a later word starts with the query, else trigram word similarity.
		const rows = await db.execute<{
			nis_code: string;
			locality: string | null;
			postal_code: string | null;
			score: number;
		}>(sql`
			with q as (select f_search_key(${q}) as k),
			candidates as (
				select nis_code, null::text as locality, null::text as postal_code, f_search_key(name_fr) as k, 0.01 as bonus from municipality
				union all
				select nis_code, null, null, f_search_key(name_nl), 0.005 from municipality where name_nl <> name_fr
				union all
				select l.nis_code, l.name, l.postal_code, f_search_key(l.name), 0 from locality l
			),
			scored as (
				select c.nis_code, c.locality, c.postal_code,
					(case
						when c.k = q.k then 3
						when c.k like q.k || '%' then 2
						when c.k like '% ' || q.k || '%' then 1.5
						else word_similarity(q.k, c.k)
					end) + c.bonus as score
				from candidates c, q
				where q.k <> '' and (c.k like '%' || q.k || '%' or q.k <% c.k)
			)
			select distinct on (nis_code, coalesce(locality, '')) nis_code, locality, postal_code, score::float8 as score
			from scored
			order by nis_code, coalesce(locality, ''), score desc
		`);
		const list = (Array.isArray(rows) ? rows : (rows as { rows: typeof rows }).rows) as unknown as {
			nis_code: string;
			locality: string | null;
			postal_code: string | null;
			score: number;
		}[];
		list.sort((a, b) => b.score - a.score || (a.locality ?? '').localeCompare(b.locality ?? '', 'fr'));
		const all = new Map((await listMunicipalities()).map((m) => [m.nisCode, m]));
		const seen = new Set<string>();
		const matches: PlaceMatch[] = [];
		for (const r of list) {
			const m = all.get(r.nis_code);
			if (!m) continue;
			// A locality named like its municipality ("Seraing" in Seraing) is the municipality itself.
			const isItself = r.locality !== null && r.locality.localeCompare(m.nameFr, 'fr', { sensitivity: 'base' }) === 0;
			const name = isItself ? null : r.locality;
			const key = `${m.nisCode}|${name ?? ''}`;
			if (seen.has(key)) continue;
			seen.add(key);
			matches.push({ municipality: m, locality: name, postalCode: isItself ? null : r.postal_code, score: r.score });
			if (matches.length === limit) break;
		}
		return matches;
	}

	return { sync, listMunicipalities, byNisCode, byPostalCode, localitiesOf, findPlaces };
}

export type TerritoryRepository = ReturnType<typeof createTerritoryRepository>;
