import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { municipalityOptions } from '$server/agenda/agenda.http';
import { proposalExtraSchema, readEventForm } from '$server/agenda/agenda.schemas';
import { audiences, categories, spokenLanguages } from '$server/agenda/agenda.types';
import { createAgenda } from '$server/agenda/agenda.usecases';
import { requestContext } from '$server/http/guard';
import type { Actions, PageServerLoad } from './$types';

// Public, no account: anyone may propose an activity; it waits for a directory editor.
export const load: PageServerLoad = async () => ({
	municipalities: await municipalityOptions(),
	categories,
	audiences,
	spokenLanguages
});

export const actions: Actions = {
	/** Held for moderation; 5 an hour per address (keyed hash); refused field by field, keeping what was typed. */
	default: async (event) => {
		const data = await event.request.formData();
		const form = readEventForm(data);
		const extra = proposalExtraSchema.safeParse({ organiserName: String(data.get('organiserName') ?? ''), contact: String(data.get('contact') ?? ''), website: String(data.get('website') ?? '') });
		const errors: Record<string, string> = { ...form.errors };
		if (!extra.success) for (const issue of extra.error.issues) errors[String(issue.path[0])] ??= issue.message.startsWith('agenda.') ? issue.message : 'agenda.errors.invalid';
		const values = { ...form.raw, organiserName: String(data.get('organiserName') ?? '').slice(0, 200), contact: String(data.get('contact') ?? '').slice(0, 200) };
		if (!form.data || !extra.success || Object.keys(errors).length) return fail(400, { errors, values });
		const outcome = await createAgenda({ db: runtime().database.db }).propose(form.data, extra.data, event.locals.locale, requestContext(event).ipHash);
		if (outcome === 'throttled') return fail(429, { errors: { form: 'agenda.propose.throttled' }, values });
		return { proposed: true };
	}
};
