import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { clearSessionCookie, setSessionCookie } from '$server/http/cookies';
import { parseForm } from '$server/http/forms';
import { requestContext, safeNext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { codeSchema } from '$server/identity/identity.schemas';
import { createIdentityRepository } from '$server/identity/identity.repository';
import type { Actions, PageServerLoad } from './$types';

/** The second step of sign-in, or a step-up for a session that has not passed its second factor. */
async function needsCode(locals: App.Locals) {
	const s = locals.session;
	if (!s || s.secondFactorAt) return false;
	const user = await createIdentityRepository({ db: runtime().database.db }).users.byId(s.userId);
	return Boolean(user?.totpEnabledAt);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), `/${locals.locale}/pro`);
	if (!locals.session) redirect(303, `/${locals.locale}/pro/connexion?next=${encodeURIComponent(next)}`);
	if (!(await needsCode(locals))) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const { locals } = event;
		if (!locals.session) redirect(303, `/${locals.locale}/pro/connexion`);
		if (!(await needsCode(locals))) redirect(303, `/${locals.locale}/pro`);
		const form = await parseForm(event.request, codeSchema);
		if (!form.ok) return form.failure;
		const next = safeNext(String(form.values.next ?? ''), `/${locals.locale}/pro`);
		const { database, keys, mailer } = runtime();
		const result = await createAuth({ db: database.db, keys, mailer }).verifySecondFactor(locals.session, form.data.code, requestContext(event));
		if (!result.ok) {
			if (result.reason === 'locked') {
				clearSessionCookie(event);
				return fail(429, { error: 'locked', values: { next } });
			}
			return fail(400, { error: 'invalid', values: { next } });
		}
		setSessionCookie(event, result.token);
		redirect(303, next);
	}
};
