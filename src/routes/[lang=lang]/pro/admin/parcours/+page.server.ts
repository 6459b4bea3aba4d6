import { error, fail } from '@sveltejs/kit';
import { locales } from '$lib/i18n/locales';
import { createTranslator } from '$lib/i18n/translator';
import { runtime } from '$server/app/runtime';
import { parcoursRules } from '$server/cases/cases.parcours.policy';
import { createParcoursReasons, reasonLabel, type ReasonInput } from '$server/cases/cases.parcours.reasons';
import { reasonFormSchema } from '$server/cases/cases.parcours.schemas';
import { formObject } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { messagesFor } from '$server/i18n/catalogues';
import { fieldErrors } from '$server/identity/identity.schemas';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const csr = false;

const reasons = () => createParcoursReasons({ db: runtime().database.db });

// The editable list of exemption and dispensation reasons: platform admins only.
export const load: PageServerLoad = async (event) => {
	authorize(event, parcoursRules['reasons.manage']);
	const locale = event.locals.locale;
	const t = createTranslator(locale, messagesFor(locale, ['pro.parcours.reason.']));
	return {
		reasons: (await reasons().list()).map((r) => ({
			code: r.code,
			kind: r.kind,
			builtin: r.builtin,
			active: r.active,
			position: r.position,
			label: reasonLabel(r, locale, t),
			values: { kind: r.kind, position: String(r.position), active: r.active ? 'on' : '', ...Object.fromEntries(locales.map((l) => [`label_${l}`, r.labels[l] ?? ''])) } as Record<string, string>
		}))
	};
};

async function read(event: RequestEvent) {
	const values = formObject(await event.request.formData());
	const parsed = reasonFormSchema.safeParse(values);
	return { values, parsed };
}

export const actions: Actions = {
	create: async (event) => {
		const actor = authorize(event, parcoursRules['reasons.manage']);
		const { values, parsed } = await read(event);
		if (!parsed.success) return fail(400, { form: 'new', errors: fieldErrors(parsed.error), values });
		const result = await reasons().create(parsed.data as ReasonInput, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		if (!result.ok) return fail(400, { form: 'new', errors: result.errors, values });
		return { form: 'new', created: result.code };
	},
	update: async (event) => {
		const actor = authorize(event, parcoursRules['reasons.manage']);
		const { values, parsed } = await read(event);
		const code = typeof values.code === 'string' ? values.code : '';
		if (!parsed.success) return fail(400, { form: code, errors: fieldErrors(parsed.error), values });
		const result = await reasons().update(code, parsed.data as ReasonInput, { actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
		if ('notFound' in result) error(404, 'Not Found');
		if (!result.ok) return fail(400, { form: code, errors: result.errors, values });
		return { form: code, saved: true };
	}
};
