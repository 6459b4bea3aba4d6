import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { locales } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { recordAudit } from '$server/audit/audit.repository';
import { parseForm } from '$server/http/forms';
import { authorize, requestContext } from '$server/http/guard';
import { createAuth } from '$server/identity/auth.usecases';
import { createIdentityRepository } from '$server/identity/identity.repository';
import { inviteSchema, organisationRoles, roleChangeSchema } from '$server/identity/identity.schemas';
import { identityRules, presentMembers } from '$server/identity/identity.policy';
import { invitation } from '$server/identity/identity.table';
import { loadOrganisation } from '$server/identity/load-organisation';
import { createOrganisations } from '$server/identity/organisations.usecases';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const org = await loadOrganisation(event.params.id);
	const actor = authorize(event, identityRules['organisation.members.view'], org);
	const repo = createIdentityRepository({ db: runtime().database.db });
	const canManage = can(actor, identityRules['organisation.members.manage'], org);
	const members = presentMembers(await repo.members.of(org.id), canManage);
	const pending = canManage ? await repo.invitations.pendingFor(org.id) : [];
	// Names and e-mail addresses of people: the read is recorded.
	await recordAudit(runtime().database.db, { actorUserId: actor.userId, organisationId: org.id, action: 'organisation.members.viewed', subjectType: 'organisation', subjectId: org.id, ipHash: requestContext(event).ipHash });
	return {
		organisation: { id: org.id, name: org.name },
		members,
		invitations: pending.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt, expired: i.expiresAt <= new Date() })),
		canManage,
		roles: organisationRoles,
		locales
	};
};

const withOrg = async (event: RequestEvent<{ id: string; lang: string }>) => {
	const org = await loadOrganisation(event.params.id);
	const actor = authorize(event, identityRules['organisation.members.manage'], org);
	return { org, actor, ctx: requestContext(event), db: runtime().database.db };
};

export const actions: Actions = {
	invite: async (event) => {
		const { org, actor, ctx } = await withOrg(event);
		const form = await parseForm(event.request, inviteSchema);
		if (!form.ok) return form.failure;
		const { database, keys, mailer } = runtime();
		const result = await createAuth({ db: database.db, keys, mailer }).invite(org, { userId: actor.userId, name: actor.name }, form.data, ctx);
		if (!result.ok) return fail(429, { error: 'pro.members.throttled', values: form.values });
		return { invited: form.data.email };
	},
	role: async (event) => {
		const { org, actor, ctx, db } = await withOrg(event);
		const form = await parseForm(event.request, roleChangeSchema);
		if (!form.ok) return form.failure;
		const result = await createOrganisations({ db }).changeRole(org.id, form.data.userId, form.data.role, { actorUserId: actor.userId, ipHash: ctx.ipHash });
		if (result !== 'done') return fail(result === 'not-member' ? 404 : 409, { error: result === 'not-member' ? 'pro.members.notMember' : 'pro.members.lastAdmin' });
		return { roleChanged: true };
	},
	remove: async (event) => {
		const { org, actor, ctx, db } = await withOrg(event);
		const form = await parseForm(event.request, z.object({ userId: z.uuid('pro.errors.required') }));
		if (!form.ok) return form.failure;
		const result = await createOrganisations({ db }).removeMember(org.id, form.data.userId, { actorUserId: actor.userId, ipHash: ctx.ipHash });
		if (result !== 'done') return fail(result === 'not-member' ? 404 : 409, { error: result === 'not-member' ? 'pro.members.notMember' : 'pro.members.lastAdmin' });
		if (form.data.userId === actor.userId) redirect(303, `/${event.locals.locale}/pro`);
		return { removed: true };
	},
	revokeInvitation: async (event) => {
		const { org, actor, ctx, db } = await withOrg(event);
		const form = await parseForm(event.request, z.object({ invitationId: z.uuid('pro.errors.required') }));
		if (!form.ok) return form.failure;
		const revoked = await db.transaction(async (tx) => {
			const rows = await tx
				.update(invitation)
				.set({ revokedAt: new Date() })
				.where(and(eq(invitation.id, form.data.invitationId), eq(invitation.organisationId, org.id), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
				.returning({ id: invitation.id });
			if (rows.length) await recordAudit(tx as never, { actorUserId: actor.userId, organisationId: org.id, action: 'organisation.invitation.revoked', subjectType: 'invitation', subjectId: rows[0]!.id, ipHash: ctx.ipHash });
			return rows.length > 0;
		});
		if (!revoked) return fail(404, { error: 'pro.link.invalid' });
		return { invitationRevoked: true };
	}
};
