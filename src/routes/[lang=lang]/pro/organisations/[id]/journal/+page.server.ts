import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { createAuditRepository, recordAudit } from '$server/audit/audit.repository';
import { authorize, requestContext } from '$server/http/guard';
import { identityRules } from '$server/identity/identity.policy';
import { userAccount } from '$server/identity/identity.table';
import { loadOrganisation } from '$server/identity/load-organisation';
import type { PageServerLoad } from './$types';

const PAGE = 50;
const query = z.object({
	before: z.coerce.number().int().positive().optional().catch(undefined),
	action: z.string().regex(/^[a-z_.]{1,80}$/).optional().catch(undefined)
});

export const load: PageServerLoad = async (event) => {
	const org = await loadOrganisation(event.params.id);
	const actor = authorize(event, identityRules['organisation.audit.view'], org);
	const { before, action } = query.parse(Object.fromEntries(event.url.searchParams));
	const db = runtime().database.db;
	const rows = await createAuditRepository({ db }).listForOrganisation(org.id, { before, action, limit: PAGE });
	const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => id !== null))];
	const names = actorIds.length ? await db.select({ id: userAccount.id, name: userAccount.name }).from(userAccount).where(inArray(userAccount.id, actorIds)) : [];
	const nameOf = new Map(names.map((n) => [n.id, n.name]));
	// Reading the trail is itself recorded.
	await recordAudit(db, { actorUserId: actor.userId, organisationId: org.id, action: 'organisation.audit.viewed', subjectType: 'organisation', subjectId: org.id, ipHash: requestContext(event).ipHash });
	return {
		organisation: { id: org.id, name: org.name },
		action: action ?? '',
		entries: rows.map((r) => ({ id: r.id, at: r.at, actor: r.actorUserId ? (nameOf.get(r.actorUserId) ?? r.actorUserId.slice(0, 8)) : null, action: r.action, subjectType: r.subjectType, subjectId: r.subjectId, section: r.section })),
		nextBefore: rows.length === PAGE ? rows[rows.length - 1]!.id : null
	};
};
