import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import type { OrganisationRole } from '../policy/policy';
import { createIdentityRepository, type NewOrganisation, type Organisation } from './identity.repository';

type Ctx = { actorUserId: string; ipHash: string };

export function createOrganisations({ db }: { db: Database }) {
	const inTx = <T>(fn: (tx: Database, repo: ReturnType<typeof createIdentityRepository>) => Promise<T>) =>
		db.transaction((tx) => fn(tx as unknown as Database, createIdentityRepository({ db: tx as unknown as Database })));

	async function create(values: NewOrganisation, ctx: Ctx): Promise<Organisation> {
		return inTx(async (tx, repo) => {
			const org = await repo.organisations.create(values);
			await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId: org.id, action: 'organisation.created', subjectType: 'organisation', subjectId: org.id, ipHash: ctx.ipHash });
			return org;
		});
	}

	async function update(id: string, values: Partial<NewOrganisation>, ctx: Ctx): Promise<Organisation> {
		return inTx(async (tx, repo) => {
			const org = await repo.organisations.update(id, values);
			await recordAudit(tx, {
				actorUserId: ctx.actorUserId,
				organisationId: id,
				action: 'organisation.updated',
				subjectType: 'organisation',
				subjectId: id,
				ipHash: ctx.ipHash,
				details: { fields: Object.keys(values).sort().join(',') }
			});
			return org;
		});
	}

	/** Changes a member's role; an organisation always keeps at least one admin. */
	async function changeRole(organisationId: string, userId: string, role: OrganisationRole, ctx: Ctx): Promise<'done' | 'not-member' | 'last-admin'> {
		return inTx(async (tx, repo) => {
			const current = (await repo.members.of(organisationId)).find((m) => m.userId === userId);
			if (!current) return 'not-member';
			if (current.role === 'admin' && role !== 'admin' && (await repo.members.countAdmins(organisationId)) <= 1) return 'last-admin';
			await repo.members.setRole(userId, organisationId, role);
			await recordAudit(tx, {
				actorUserId: ctx.actorUserId,
				organisationId,
				action: 'organisation.member.role_changed',
				subjectType: 'user',
				subjectId: userId,
				ipHash: ctx.ipHash,
				details: { from: current.role, to: role }
			});
			return 'done';
		});
	}

	async function removeMember(organisationId: string, userId: string, ctx: Ctx): Promise<'done' | 'not-member' | 'last-admin'> {
		return inTx(async (tx, repo) => {
			const current = (await repo.members.of(organisationId)).find((m) => m.userId === userId);
			if (!current) return 'not-member';
			if (current.role === 'admin' && (await repo.members.countAdmins(organisationId)) <= 1) return 'last-admin';
			await repo.members.remove(userId, organisationId);
			await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId, action: 'organisation.member.removed', subjectType: 'user', subjectId: userId, ipHash: ctx.ipHash, details: { role: current.role } });
			return 'done';
		});
	}

	return { create, update, changeRole, removeMember };
}
