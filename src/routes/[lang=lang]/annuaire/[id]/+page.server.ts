import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { publicOrigin } from '$server/http/security-headers';
import { presentService, serviceJsonLd } from '$server/directory/directory.presenter';
import { directoryIndex } from '$server/directory/directory.search';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { PageServerLoad } from './$types';

// Public: only published services exist here; a draft or an unknown id is a 404.
export const load: PageServerLoad = async ({ params, locals, url }) => {
	if (!z.uuid().safeParse(params.id).success) error(404, 'Not Found');
	const service = (await directoryIndex(runtime().database.db)).get(params.id);
	if (!service) error(404, 'Not Found');
	const canonical = `${publicOrigin(url)}/${locals.locale}/annuaire/${service.id}`;
	// The eligibility zone by name (municipality names are French or German proper names, as on signs).
	const zone = service.eligibleNis.length ? (await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities()).filter((m) => service.eligibleNis.includes(m.nisCode)).map((m) => m.nameFr).sort((a, b) => a.localeCompare(b, 'fr')) : [];
	return {
		service: presentService(service, locals.locale, new Date()),
		zone,
		// "<" escaped: the JSON cannot close the script element it sits in.
		jsonLd: JSON.stringify(serviceJsonLd(service, canonical, locals.locale)).replace(/</g, '\\u003c')
	};
};
