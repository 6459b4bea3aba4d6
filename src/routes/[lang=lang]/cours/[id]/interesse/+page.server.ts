import { error, fail } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { spokenLanguages } from '$server/agenda/agenda.types';
import { wallClock } from '$server/agenda/brussels-time';
import { course } from '$server/courses/courses.table';
import { demandFor } from '$server/courses/courses.demand.presenter';
import { listCourseEnrolments } from '$server/courses/courses.demand.repository';
import { DEMAND_ERRORS, publicInterestSchema } from '$server/courses/courses.demand.schemas';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { organisation } from '$server/identity/identity.table';
import { createThrottle, type ThrottleRule } from '$server/identity/throttle';
import { municipality } from '$server/territory/territory.table';
import { createTerritoryRepository } from '$server/territory/territory.repository';
import type { Actions, PageServerLoad } from './$types';

export const csr = false;

/** "I'm interested": 5 requests an hour from one address, then an hour's pause. */
const interestRule: ThrottleRule = { limit: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/** Public: only a published course that has not ended exists here; anything else is a 404. */
async function openPublicCourse(id: string) {
	if (!z.uuid().safeParse(id).success) error(404, 'Not Found');
	const db = runtime().database.db;
	const [row] = await db
		.select({ id: course.id, title: course.title, axis: course.axis, level: course.level, organisationName: organisation.name, municipality: municipality.nameFr, serviceId: course.serviceId, endsOn: course.endsOn })
		.from(course)
		.innerJoin(organisation, eq(organisation.id, course.organisationId))
		.innerJoin(municipality, eq(municipality.nisCode, course.nisCode))
		.where(and(eq(course.id, id), eq(course.status, 'published')));
	if (!row || row.endsOn < wallClock(new Date()).date) error(404, 'Not Found');
	return row;
}

export const load: PageServerLoad = async ({ params }) => {
	const c = await openPublicCourse(params.id);
	const municipalities = (await createTerritoryRepository({ db: runtime().database.db }).listMunicipalities()).map((m) => ({ nisCode: m.nisCode, name: m.nameFr })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
	return { course: c, municipalities, spokenLanguages };
};

export const actions: Actions = {
	default: async (event) => {
		const c = await openPublicCourse(event.params.id);
		const parsed = await parseForm(event.request, publicInterestSchema, [], DEMAND_ERRORS);
		if (!parsed.ok) return parsed.failure;
		const db = runtime().database.db;
		const throttle = createThrottle({ db });
		const key = `course-interest-${requestContext(event).ipHash}`;
		if (await throttle.lockedUntil(key)) return fail(429, { errors: { form: 'courses.demand.errors.throttled' }, values: parsed.values });
		await throttle.hit(key, interestRule);
		const d = parsed.data;
		// A filled hidden field: accepted silently and dropped (no signal to the robot).
		if (d.website) return { received: true, position: null };
		const result = await demandFor(event).request(
			c.id,
			{ source: 'public', firstName: d.firstName, email: d.email, phone: d.phone, locale: d.locale, nisCode: d.nisCode, needsChildcare: d.needsChildcare, interpreterLanguage: d.interpreterLanguage, elsewhere: d.elsewhere },
			{ actorUserId: null, organisationId: null, ipHash: requestContext(event).ipHash }
		);
		if (!result.ok) return fail(409, { errors: { form: result.error }, values: parsed.values });
		const position = (await listCourseEnrolments(db, c.id)).find((e) => e.id === result.enrolment.id)?.position ?? null;
		return { received: true, position, byEmail: d.email !== null, byPhone: d.phone !== null };
	}
};
