import { fail, type RequestEvent } from '@sveltejs/kit';
import { runtime } from '../app/runtime';
import { formObject } from '../http/forms';
import { requestContext } from '../http/guard';
import { courseFormValues } from './courses.offer.presenter';
import { courseErrors, courseFormSchema, courseMultiFields } from './courses.offer.schemas';
import { createCourseOffer, type OfferResult } from './courses.offer.usecases';

/** Glue shared by the offer's routes: the use-cases on the app's database, the audit context, the form reader, the answers. */
export const offer = () => createCourseOffer({ db: runtime().database.db });
export const offerCtx = (event: RequestEvent, actor: { userId: string }) => ({ actorUserId: actor.userId, ipHash: requestContext(event).ipHash });

/** Reads the posted course form: the parsed form, or the errors (catalogue keys) with what was typed. */
export function readCourseForm(data: FormData) {
	const values = formObject(data, courseMultiFields);
	const parsed = courseFormSchema.safeParse(values);
	return parsed.success ? { values, data: parsed.data, errors: null } : { values, data: null, errors: courseErrors(parsed.error) };
}

/** A use-case's refusal as the page's answer: 400 with field errors, 409 for a state or a conflict; what was typed kept. */
export function refused(form: string, result: Exclude<OfferResult, { ok: true }>, values: Record<string, unknown> = {}) {
	if ('errors' in result) return fail(400, { form, errors: result.errors, values });
	// The other save's values go back too, so the page can show what differs from what was typed.
	if ('conflict' in result) return fail(409, { form, conflict: true, stored: courseFormValues(result.conflict.stored), values: { ...values, version: String(result.conflict.version) } });
	return fail(409, { form, state: result.state, values });
}
