import { error, fail, redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { newPasswordSchema } from '$server/identity/identity.schemas';
import type { Actions, PageServerLoad } from './$types';

const auth = () => {
	const { database, keys, mailer } = runtime();
	return createAuth({ db: database.db, keys, mailer });
};

/** A used or expired link answers 410 with its reason; an unknown one 404. */
function refuse(status: 'invalid' | 'used' | 'expired'): never {
	error(status === 'invalid' ? 404 : 410, `pro.link.${status}`);
}

export const load: PageServerLoad = async ({ params }) => {
	const found = await auth().findReset(params.token);
	if (found.status !== 'valid') refuse(found.status);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await parseForm(event.request, newPasswordSchema);
		if (!form.ok) return form.failure;
		const result = await auth().resetPassword(event.params.token, form.data.password, requestContext(event));
		if (result !== 'done') return fail(result === 'invalid' ? 404 : 410, { error: `pro.link.${result}` });
		redirect(303, `/${event.locals.locale}/pro/connexion?notice=reset`);
	}
};
