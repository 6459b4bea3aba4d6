import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { directoryRules } from '$server/directory/directory.policy';
import { loadWorkingService } from '$server/directory/load-service';
import { createTranslations, targetLocales } from '$server/directory/translation/translations';
import { authorize, requestContext } from '$server/http/guard';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

const translations = () => createTranslations({ db: runtime().database.db });

export const load: PageServerLoad = async (event) => {
	const row = await loadWorkingService(event.params.id);
	const actor = authorize(event, directoryRules['service.list'], row);
	const fields = await translations().reviewView(row.id);
	return {
		service: { id: row.id, status: row.status, name: fields.find((f) => f.entityType === 'service' && f.field === 'name')?.source ?? '' },
		fields,
		locales: targetLocales,
		canTranslate: can(actor, directoryRules['service.translate'], row),
		canModerate: can(actor, directoryRules.moderate, undefined)
	};
};

export const actions: Actions = {
	/** Every language's texts at once: changed ones become reviewed, empty ones are deleted. */
	save: async (event) => {
		const row = await loadWorkingService(event.params.id);
		const actor = authorize(event, directoryRules['service.translate'], row);
		const posted: Record<string, string> = {};
		for (const [name, value] of await event.request.formData()) if (typeof value === 'string' && /^[a-z]{2}\./.test(name)) posted[name] = value;
		const result = await translations().review(row.id, posted, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		// Refused field by field, with everything typed kept.
		if (Object.keys(result.errors).length) return fail(400, { errors: result.errors, values: posted });
		return { saved: result.changed };
	},
	/** "This machine translation is right": reviewed without change. */
	confirm: async (event) => {
		const row = await loadWorkingService(event.params.id);
		const actor = authorize(event, directoryRules['service.translate'], row);
		const target = String((await event.request.formData()).get('target') ?? '');
		const [, locale, key] = /^([a-z]{2})\.(.+)$/.exec(target) ?? [];
		if (!locale || !key) return fail(400, { error: 'pro.services.translations.nothingToConfirm' });
		const done = await translations().confirm(row.id, key, locale, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		if (!done) return fail(409, { error: 'pro.services.translations.nothingToConfirm' });
		return { confirmed: true };
	}
};
