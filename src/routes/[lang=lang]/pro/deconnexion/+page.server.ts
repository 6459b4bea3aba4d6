import { redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { clearSessionCookie } from '$server/http/cookies';
import { requestContext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link could be triggered by another site); GET just shows the button.
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.session) redirect(303, `/${locals.locale}/pro/connexion`);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const s = event.locals.session;
		if (s) {
			const { database, keys, mailer } = runtime();
			await createAuth({ db: database.db, keys, mailer }).signOut(s, requestContext(event));
		}
		clearSessionCookie(event);
		redirect(303, `/${event.locals.locale}/pro/connexion?notice=signed-out`);
	}
};
