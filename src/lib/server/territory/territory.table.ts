import { doublePrecision, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** A municipality (commune) of the territory, keyed by its Statbel NIS (REFNIS) code. */
export const municipality = pgTable(
	'municipality',
	{
		nisCode: text('nis_code').primaryKey(),
		nameFr: text('name_fr').notNull(),
		nameNl: text('name_nl').notNull(),
		arrondissement: text('arrondissement').notNull(),
		arrondissementNis: text('arrondissement_nis').notNull(),
		province: text('province').notNull(),
		mainPostalCode: text('main_postal_code').notNull(),
		postalCodes: text('postal_codes').array().notNull(),
		lat: doublePrecision('lat').notNull(),
		lon: doublePrecision('lon').notNull(),
		population: integer('population').notNull()
	},
	(t) => [index('municipality_arrondissement_idx').on(t.arrondissementNis)]
);

/** A locality (former municipality or village) with its postal code, inside one municipality. */
export const locality = pgTable(
	'locality',
	{
		postalCode: text('postal_code').notNull(),
		name: text('name').notNull(),
		nisCode: text('nis_code')
			.notNull()
			.references(() => municipality.nisCode)
	},
	(t) => [primaryKey({ columns: [t.postalCode, t.name] }), index('locality_nis_idx').on(t.nisCode)]
);
