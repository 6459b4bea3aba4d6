import { error, fail, redirect } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { setSessionCookie } from '$server/http/cookies';
import { parseForm } from '$server/http/forms';
import { requestContext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { acceptInvitationSchema } from '$server/identity/identity.schemas';
import type { Actions, PageServerLoad } from './$types';

const auth = () => {
	const { database, keys, mailer } = runtime();
	return createAuth({ db: database.db, keys, mailer });
};

function refuse(status: 'invalid' | 'used' | 'expired' | 'other-account' | 'existing-account'): never {
	if (status === 'invalid') error(404, 'pro.link.invalid');
	if (status === 'other-account' || status === 'existing-account') error(403, 'pro.invitation.otherAccount');
	error(410, `pro.link.${status}`);
}

// The link is the credential: whoever holds it may see which organisation invites which address.
export const load: PageServerLoad = async ({ params, locals }) => {
	const found = await auth().findInvitation(params.token);
	if (found.status !== 'valid') refuse(found.status);
	const signedInAs = locals.actor.kind === 'user' ? locals.actor.userId : null;
	return {
		organisation: found.organisation.name,
		role: found.invitation.role,
		email: found.invitation.email,
		hasAccount: found.existingUser !== null,
		isThatAccount: found.existingUser !== null && found.existingUser.id === signedInAs
	};
};

export const actions: Actions = {
	create: async (event) => {
		const form = await parseForm(event.request, acceptInvitationSchema);
		if (!form.ok) return form.failure;
		const result = await auth().acceptInvitation(event.params.token, { ...form.data, locale: event.locals.locale }, requestContext(event));
		if (!result.ok) refuse(result.reason);
		setSessionCookie(event, result.token);
		// Case files need a second factor: set it up right away.
		redirect(303, `/${event.locals.locale}/pro/compte/securite?welcome=1`);
	},
	join: async (event) => {
		const actor = event.locals.actor;
		if (actor.kind !== 'user') redirect(303, `/${event.locals.locale}/pro/connexion?next=${encodeURIComponent(event.url.pathname)}`);
		const result = await auth().joinInvitation(event.params.token, actor.userId, requestContext(event));
		if (!result.ok) {
			if (result.reason === 'other-account') return fail(403, { error: 'pro.invitation.otherAccount' });
			refuse(result.reason);
		}
		redirect(303, `/${event.locals.locale}/pro/organisations/${result.organisationId}`);
	}
};
