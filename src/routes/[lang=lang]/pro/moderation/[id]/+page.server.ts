import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { createServiceEditing } from '$server/directory/directory.editing';
import { directoryRules } from '$server/directory/directory.policy';
import { loadWorkingService } from '$server/directory/load-service';
import { authorize, requestContext } from '$server/http/guard';
import type { Actions, PageServerLoad } from './$types';

const editing = () => createServiceEditing({ db: runtime().database.db });
const comment = z.object({ comment: z.string().trim().max(2000, 'pro.errors.tooLong') });

export const load: PageServerLoad = async (event) => {
	const row = await loadWorkingService(event.params.id);
	authorize(event, directoryRules.moderate);
	return { service: { id: row.id, status: row.status, isPublic: row.published !== null }, diff: await editing().diff(row.id), history: await editing().historyOf(row.id) };
};

export const actions: Actions = {
	publish: async (event) => {
		const row = await loadWorkingService(event.params.id);
		const actor = authorize(event, directoryRules.moderate);
		const form = comment.safeParse(Object.fromEntries(await event.request.formData()));
		if (!form.success) return fail(400, { errors: { comment: 'pro.errors.tooLong' } });
		await editing().publish(row.id, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash }, form.data.comment || null);
		redirect(303, `/${event.locals.locale}/pro/moderation?published=1`);
	},
	return: async (event) => {
		const row = await loadWorkingService(event.params.id);
		const actor = authorize(event, directoryRules.moderate);
		const form = comment.safeParse(Object.fromEntries(await event.request.formData()));
		// Returning needs a reason the organisation can act on.
		if (!form.success || !form.data.comment) return fail(400, { errors: { comment: form.success ? 'pro.moderation.commentRequired' : 'pro.errors.tooLong' } });
		await editing().returnToOrganisation(row.id, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash }, form.data.comment);
		redirect(303, `/${event.locals.locale}/pro/moderation?returned=1`);
	}
};
