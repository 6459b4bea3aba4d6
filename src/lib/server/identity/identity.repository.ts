import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { OrganisationRole, PlatformRole } from '../policy/policy';
import { invitation, membership, organisation, userAccount } from './identity.table';

export type Organisation = typeof organisation.$inferSelect;
export type NewOrganisation = typeof organisation.$inferInsert;
export type UserAccount = typeof userAccount.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;

export function createIdentityRepository({ db }: { db: Database }) {
	const users = {
		byEmail: async (email: string) =>
			(await db.select().from(userAccount).where(eq(userAccount.email, email.trim().toLowerCase())))[0] ?? null,
		byId: async (id: string) => (await db.select().from(userAccount).where(eq(userAccount.id, id)))[0] ?? null,
		create: async (values: { email: string; name: string; locale: string; passwordHash?: string | null; platformRoles?: PlatformRole[] }) =>
			(
				await db
					.insert(userAccount)
					.values({ ...values, email: values.email.trim().toLowerCase(), platformRoles: values.platformRoles ?? [] })
					.returning()
			)[0]!,
		update: async (id: string, values: Partial<typeof userAccount.$inferInsert>) =>
			(await db.update(userAccount).set({ ...values, updatedAt: new Date() }).where(eq(userAccount.id, id)).returning())[0]!,
		memberships: async (userId: string) =>
			db
				.select({ organisationId: membership.organisationId, role: membership.role, name: organisation.name, kind: organisation.kind })
				.from(membership)
				.innerJoin(organisation, eq(organisation.id, membership.organisationId))
				.where(eq(membership.userId, userId))
				.orderBy(asc(organisation.name))
	};

	const organisations = {
		byId: async (id: string) => (await db.select().from(organisation).where(eq(organisation.id, id)))[0] ?? null,
		/** All organisations, or only those with the given ids (the actor's scope). */
		list: async (onlyIds?: string[]) => {
			if (onlyIds && onlyIds.length === 0) return [];
			return db
				.select()
				.from(organisation)
				.where(onlyIds ? inArray(organisation.id, onlyIds) : undefined)
				.orderBy(asc(organisation.name));
		},
		create: async (values: NewOrganisation) => (await db.insert(organisation).values(values).returning())[0]!,
		update: async (id: string, values: Partial<NewOrganisation>) =>
			(await db.update(organisation).set({ ...values, updatedAt: new Date() }).where(eq(organisation.id, id)).returning())[0]!
	};

	const members = {
		of: async (organisationId: string) =>
			db
				.select({ userId: userAccount.id, name: userAccount.name, email: userAccount.email, role: membership.role, since: membership.createdAt, hasSecondFactor: sql<boolean>`${userAccount.totpEnabledAt} is not null` })
				.from(membership)
				.innerJoin(userAccount, eq(userAccount.id, membership.userId))
				.where(eq(membership.organisationId, organisationId))
				.orderBy(asc(userAccount.name)),
		add: async (userId: string, organisationId: string, role: OrganisationRole) =>
			db.insert(membership).values({ userId, organisationId, role }).onConflictDoUpdate({ target: [membership.userId, membership.organisationId], set: { role } }),
		setRole: async (userId: string, organisationId: string, role: OrganisationRole) =>
			db.update(membership).set({ role }).where(and(eq(membership.userId, userId), eq(membership.organisationId, organisationId))).returning(),
		remove: async (userId: string, organisationId: string) =>
			db.delete(membership).where(and(eq(membership.userId, userId), eq(membership.organisationId, organisationId))).returning(),
		countAdmins: async (organisationId: string) =>
			(await db.select({ n: sql<number>`count(*)::int` }).from(membership).where(and(eq(membership.organisationId, organisationId), eq(membership.role, 'admin'))))[0]!.n
	};

	const invitations = {
		pendingFor: async (organisationId: string) =>
			db
				.select()
				.from(invitation)
				.where(and(eq(invitation.organisationId, organisationId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)))
				.orderBy(asc(invitation.createdAt)),
		byTokenHash: async (tokenHash: string) => (await db.select().from(invitation).where(eq(invitation.tokenHash, tokenHash)))[0] ?? null
	};

	return { users, organisations, members, invitations };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
