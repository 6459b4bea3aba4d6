import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { locales } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { clearSessionCookie } from '$server/http/cookies';
import { parseForm } from '$server/http/forms';
import { authorize, currentSession, requestContext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { passwordSchema } from '$server/identity/identity.schemas';
import { identityRules } from '$server/identity/identity.policy';
import type { Actions, PageServerLoad } from './$types';

const deps = () => {
	const { database, keys, mailer } = runtime();
	return { db: database.db, auth: createAuth({ db: database.db, keys, mailer }) };
};

export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, identityRules['account.manage']);
	const { db, auth } = deps();
	const user = (await createIdentityRepository({ db }).users.byId(actor.userId))!;
	const sessions = await auth.sessions.listFor(actor.userId);
	return {
		account: { name: user.name, email: user.email, locale: user.locale, hasSecondFactor: user.totpEnabledAt !== null },
		sessions: sessions
			.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
			.map((s) => ({ ref: s.id.slice(0, 12), device: s.device, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, current: s.id === actor.sessionId }))
	};
};

const passwordChange = z
	.object({ currentPassword: z.string().min(1, 'pro.errors.required'), password: passwordSchema, confirm: z.string() })
	.refine((v) => v.password === v.confirm, { message: 'pro.errors.passwordMismatch', path: ['confirm'] });

export const actions: Actions = {
	password: async (event) => {
		authorize(event, identityRules['account.manage']);
		const form = await parseForm(event.request, passwordChange);
		if (!form.ok) return form.failure;
		const ok = await deps().auth.changePassword(currentSession(event), form.data.currentPassword, form.data.password, requestContext(event));
		if (!ok) return fail(400, { errors: { currentPassword: 'pro.errors.currentPassword' }, values: {} });
		return { passwordChanged: true };
	},
	locale: async (event) => {
		const actor = authorize(event, identityRules['account.manage']);
		const form = await parseForm(event.request, z.object({ locale: z.enum(locales, 'pro.errors.required') }));
		if (!form.ok) return form.failure;
		const { db } = deps();
		await db.transaction(async (tx) => {
			await createIdentityRepository({ db: tx as never }).users.update(actor.userId, { locale: form.data.locale });
			await recordAudit(tx as never, { actorUserId: actor.userId, action: 'account.locale.changed', subjectType: 'user', subjectId: actor.userId, details: { locale: form.data.locale } });
		});
		return { localeChanged: true };
	},
	revokeSession: async (event) => {
		const actor = authorize(event, identityRules['account.manage']);
		const ref = String((await event.request.formData()).get('ref') ?? '');
		const { auth } = deps();
		const target = (await auth.sessions.listFor(actor.userId)).find((s) => s.id.startsWith(ref) && ref.length === 12);
		if (!target) return fail(404, { error: 'pro.account.sessionGone' });
		await auth.sessions.remove(target.id);
		if (target.id === actor.sessionId) {
			clearSessionCookie(event);
			redirect(303, `/${event.locals.locale}/pro/connexion?notice=signed-out`);
		}
		return { sessionRevoked: true };
	},
	signOutEverywhere: async (event) => {
		authorize(event, identityRules['account.manage']);
		await deps().auth.signOut(currentSession(event), requestContext(event), true);
		clearSessionCookie(event);
		redirect(303, `/${event.locals.locale}/pro/connexion?notice=signed-out`);
	}
};
