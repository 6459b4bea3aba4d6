import { runtime } from '$server/app/runtime';
import { needs } from '$server/directory/taxonomy';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { PageServerLoad } from './$types';

// Public: a plain GET form (no JavaScript) that asks for livret.pdf with a municipality and a need.
export const load: PageServerLoad = async ({ url }) => {
	const municipalities = (await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities())
		.map((m) => ({ nisCode: m.nisCode, name: m.nameFr }))
		.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return {
		municipalities,
		needs: needs.map((n) => ({ id: n.id, children: (n.children ?? []).map((c) => c.id) })),
		form: { municipality: url.searchParams.get('municipality') ?? '', need: url.searchParams.get('need') ?? '' }
	};
};
