import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { publicOrigin } from '$server/http/security-headers';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { presentService, serviceJsonLd } from '$server/directory/directory.presenter';
import { directoryIndex } from '$server/directory/directory.search';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import { createServiceReports, reportFormSchema } from '$server/directory/reports';
import { coursesOfService } from '$server/courses/courses.demand.repository';
import type { Actions, PageServerLoad } from './$types';

async function publishedOr404(id: string) {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const service = (await directoryIndex(runtime().database.db)).get(id);
	if (!service) error(404, 'Not Found');
	return service;
}

// Public: only published services exist here; a draft or an unknown id is a 404.
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const service = await publishedOr404(params.id);
	const canonical = `${publicOrigin(url)}/${locals.locale}/annuaire/${service.id}`;
	// The eligibility zone by name (municipality names are French or German proper names, as on signs).
	const zone = service.eligibleNis.length ? (await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities()).filter((m) => service.eligibleNis.includes(m.nisCode)).map((m) => m.nameFr).sort((a, b) => a.localeCompare(b, 'fr')) : [];
	return {
		canonical,
		service: presentService(service, locals.locale, new Date()),
		zone,
		// A published course shown by this service: its "I'm interested" form.
		interestCourses: await coursesOfService(runtime().database.db, service.id, new Date()),
		// "<" escaped: the JSON cannot close the script element it sits in.
		jsonLd: JSON.stringify(serviceJsonLd(service, canonical, locals.locale)).replace(/</g, '\\u003c')
	};
};

export const actions: Actions = {
	/** "Report an error": no account; kept for the directory editors; rate-limited per address. */
	report: async (event) => {
		const service = await publishedOr404(event.params.id);
		const parsed = await parseForm(event.request, reportFormSchema, [], 'directory.report.errors.');
		if (!parsed.ok) return parsed.failure;
		const outcome = await createServiceReports({ db: runtime().database.db }).submit(service.id, parsed.data, event.locals.locale, requestContext(event).ipHash);
		if (outcome === 'throttled') return fail(429, { errors: { form: 'directory.report.errors.throttled' }, values: parsed.values });
		return { reported: true };
	}
};
