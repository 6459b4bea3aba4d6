import { fail } from '@sveltejs/kit';
import { runtime } from '$server/app/runtime';
import { setSessionCookie } from '$server/http/cookies';
import { parseForm } from '$server/http/forms';
import { authorize, currentSession, requestContext, safeNext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { codeSchema } from '$server/identity/identity.schemas';
import { identityRules } from '$server/identity/identity.policy';
import type { Actions, PageServerLoad } from './$types';

const deps = () => {
	const { database, keys, mailer } = runtime();
	return { repo: createIdentityRepository({ db: database.db }), auth: createAuth({ db: database.db, keys, mailer }) };
};

export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, identityRules['account.manage']);
	const { repo, auth } = deps();
	const user = (await repo.users.byId(actor.userId))!;
	return {
		enabled: user.totpEnabledAt !== null,
		passed: actor.secondFactorPassed,
		pending: user.totpEnabledAt ? null : await auth.pendingTotp(user),
		required: [...actor.memberships.values()].length > 0 || actor.platformRoles.has('platform_admin'),
		welcome: event.url.searchParams.has('welcome'),
		next: safeNext(event.url.searchParams.get('next'), '')
	};
};

export const actions: Actions = {
	start: async (event) => {
		const actor = authorize(event, identityRules['account.manage']);
		const { repo, auth } = deps();
		const user = (await repo.users.byId(actor.userId))!;
		if (user.totpEnabledAt) return fail(409, { error: 'pro.security.alreadyEnabled' });
		await auth.startTotp(user);
		return { started: true };
	},
	confirm: async (event) => {
		authorize(event, identityRules['account.manage']);
		const form = await parseForm(event.request, codeSchema);
		if (!form.ok) return form.failure;
		const result = await deps().auth.confirmTotp(currentSession(event), form.data.code, requestContext(event));
		if (!result.ok) return fail(400, { errors: { code: result.reason === 'invalid' ? 'pro.verify.invalid' : 'pro.security.notStarted' }, values: {} });
		setSessionCookie(event, result.token);
		return { recoveryCodes: result.recoveryCodes, next: safeNext(String(form.values.next ?? ''), '') };
	},
	regenerate: async (event) => {
		const actor = authorize(event, identityRules['account.manage']);
		// New recovery codes only in a session that proved the current factor.
		if (!actor.secondFactorPassed) return fail(403, { error: 'pro.security.stepUp' });
		const codes = await deps().auth.regenerateRecoveryCodes(actor.userId, requestContext(event));
		return { recoveryCodes: codes, next: '' };
	}
};
