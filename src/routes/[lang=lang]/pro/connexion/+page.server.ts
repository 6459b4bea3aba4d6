import { fail, redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { setSessionCookie } from '$server/http/cookies';
import { parseForm } from '$server/http/forms';
import { requestContext, safeNext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { signInSchema } from '$server/identity/identity.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'), `/${locals.locale}/pro`);
	// Public page; a signed-in person goes on, one halfway through the second factor finishes it.
	if (locals.actor.kind === 'user') redirect(303, next);
	if (locals.session?.pendingSecondFactor) redirect(303, `/${locals.locale}/pro/connexion/verification?next=${encodeURIComponent(next)}`);
	return { next, notice: url.searchParams.get('notice') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, signInSchema);
		if (!form.ok) return form.failure;
		const { email, password } = form.data;
		const next = safeNext(String(form.values.next ?? ''), `/${event.locals.locale}/pro`);
		const { database, keys, mailer } = runtime();
		const result = await createAuth({ db: database.db, keys, mailer }).signIn(email, password, requestContext(event));
		if (!result.ok) {
			// One message for a wrong e-mail or password: no one learns which accounts exist.
			const status = result.reason === 'invalid' ? 400 : 429;
			return fail(status, { values: { email, next }, error: result.reason, until: result.until?.toISOString() ?? null });
		}
		setSessionCookie(event, result.token);
		if (result.pendingSecondFactor) redirect(303, `/${event.locals.locale}/pro/connexion/verification?next=${encodeURIComponent(next)}`);
		redirect(303, next);
	}
};
