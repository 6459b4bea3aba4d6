import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { loadWorkingEvent } from '$server/agenda/agenda.http';
import { agendaRules } from '$server/agenda/agenda.policy';
import { createEventTranslations } from '$server/agenda/agenda.translations';
import { targetLocales } from '$server/directory/translation/translatable';
import { authorize, requestContext } from '$server/http/guard';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

const translations = () => createEventTranslations({ db: runtime().database.db });

export const load: PageServerLoad = async (event) => {
	const row = await loadWorkingEvent(event.params.id);
	const actor = authorize(event, agendaRules['event.view'], row);
	const fields = await translations().reviewView(row.id);
	return {
		event: { id: row.id, status: row.status, title: fields.find((f) => f.field === 'title')?.source ?? '' },
		fields,
		locales: targetLocales,
		canTranslate: can(actor, agendaRules['event.translate'], row) && row.status !== 'cancelled' && row.status !== 'declined'
	};
};

export const actions: Actions = {
	/** Every language's texts at once: changed ones become reviewed, empty ones are deleted. */
	save: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.translate'], row);
		const posted: Record<string, string> = {};
		for (const [name, value] of await event.request.formData()) if (typeof value === 'string' && /^[a-z]{2}\./.test(name)) posted[name] = value;
		const result = await translations().review(row.id, posted, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		if (Object.keys(result.errors).length) return fail(400, { errors: result.errors, values: posted });
		return { saved: result.changed };
	},
	/** "This machine translation is right": reviewed without change. */
	confirm: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.translate'], row);
		const target = String((await event.request.formData()).get('target') ?? '');
		const [, locale, key] = /^([a-z]{2})\.(.+)$/.exec(target) ?? [];
		if (!locale || !key) return fail(400, { error: 'pro.services.translations.nothingToConfirm' });
		const done = await translations().confirm(row.id, key, locale, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		if (!done) return fail(409, { error: 'pro.services.translations.nothingToConfirm' });
		return { confirmed: true };
	}
};
