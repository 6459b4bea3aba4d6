import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { resetRequestSchema } from '$server/identity/identity.schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, resetRequestSchema);
		if (!form.ok) return form.failure;
		const { database, keys, mailer } = runtime();
		const result = await createAuth({ db: database.db, keys, mailer }).requestPasswordReset(form.data.email, event.locals.locale, requestContext(event));
		if (result === 'throttled') return fail(429, { error: 'throttled', values: { email: form.data.email } });
		// The same answer whether or not the address has an account.
		return { sent: true };
	}
};
