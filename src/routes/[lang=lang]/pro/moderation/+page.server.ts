import { inArray } from 'drizzle-orm';
import { runtime } from '$server/app/runtime';
import { createServiceEditing } from '$server/directory/directory.editing';
import { directoryRules } from '$server/directory/directory.policy';
import { authorize } from '$server/http/guard';
import { organisation } from '$server/identity/identity.table';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, directoryRules.moderate);
	const db = runtime().database.db;
	const queue = await createServiceEditing({ db }).queue();
	const orgs = queue.length ? await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, queue.map((q) => q.organisationId))) : [];
	return { queue: queue.map((q) => ({ ...q, organisation: orgs.find((o) => o.id === q.organisationId)?.name ?? '' })) };
};
