import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { PageServerLoad } from './$types';

// Whatever is typed is kept and shown back; only what can be searched is searched.
const querySchema = z
	.string()
	.trim()
	.max(100)
	.refine((q) => /^\d{4,5}$/.test(q) || q.replace(/[^\p{L}\p{N}]/gu, '').length >= 2, 'tooShort');

export const load: PageServerLoad = async ({ url }) => {
	const territory = createTerritoryRepository({ db: runtime().database.db });
	const municipalities = await territory.listMunicipalities();
	const raw = url.searchParams.get('q');

	let search: { query: string; error?: 'tooShort'; matches: Awaited<ReturnType<typeof territory.findPlaces>> } | null = null;
	if (raw !== null) {
		const query = raw.slice(0, 100);
		const parsed = querySchema.safeParse(query);
		search = parsed.success
			? { query: parsed.data, matches: await territory.findPlaces(parsed.data, 8) }
			: { query, error: 'tooShort', matches: [] };
	}

	const arrondissements = [...new Set(municipalities.map((m) => m.arrondissement))].map((name) => ({
		name,
		municipalities: municipalities
			.filter((m) => m.arrondissement === name)
			.map((m) => ({ nisCode: m.nisCode, nameFr: m.nameFr, nameNl: m.nameNl, postalCodes: m.postalCodes, population: m.population }))
	}));

	return {
		search: search && {
			query: search.query,
			error: search.error,
			matches: search.matches.map((m) => ({
				nisCode: m.municipality.nisCode,
				municipality: m.municipality.nameFr,
				arrondissement: m.municipality.arrondissement,
				locality: m.locality,
				postalCode: m.postalCode
			}))
		},
		arrondissements
	};
};
