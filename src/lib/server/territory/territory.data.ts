import { parse } from 'csv-parse/sync';
// The reference files travel inside the server bundle: no path to resolve at run time.
import communesCsv from '../../../../data/territory/communes.csv?raw';
import localitiesCsv from '../../../../data/territory/localities.csv?raw';
import type { locality, municipality } from './territory.table';

type MunicipalityRow = typeof municipality.$inferInsert;
type LocalityRow = typeof locality.$inferInsert;

/** The 55 municipalities of data/territory/communes.csv (Statbel REFNIS; see data/territory/README.md). */
export function readMunicipalities(): MunicipalityRow[] {
	const rows: Record<string, string>[] = parse(communesCsv, { columns: true, skip_empty_lines: true, trim: true });
	return rows.map((r) => ({
		nisCode: r.nis_code!,
		nameFr: r.name_fr!,
		nameNl: r.name_nl!,
		arrondissement: r.arrondissement!,
		arrondissementNis: r.arrondissement_nis!,
		province: r.province!,
		mainPostalCode: r.main_postal_code!,
		postalCodes: r.postal_codes!.split(';').map((c) => c.trim()),
		lat: Number(r.lat),
		lon: Number(r.lon),
		population: Number(r.population_2020)
	}));
}

/** The 275 localities of data/territory/localities.csv (belgium-zipcodes, MIT). */
export function readLocalities(): LocalityRow[] {
	const rows: Record<string, string>[] = parse(localitiesCsv, { columns: true, skip_empty_lines: true, trim: true });
	return rows.map((r) => ({ postalCode: r.postal_code!, name: r.locality!, nisCode: r.nis_code! }));
}
