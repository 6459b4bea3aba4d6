import { fail } from '@sveltejs/kit';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { createServiceEditing } from '$server/directory/directory.editing';
import { directoryRules } from '$server/directory/directory.policy';
import { createServiceReports } from '$server/directory/reports';
import { authorize, requestContext } from '$server/http/guard';
import { organisation } from '$server/identity/identity.table';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = authorize(event, directoryRules.moderate);
	const db = runtime().database.db;
	const queue = await createServiceEditing({ db }).queue();
	const orgs = queue.length ? await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, queue.map((q) => q.organisationId))) : [];
	const reports = await createServiceReports({ db }).listOpen(actor.userId, requestContext(event).ipHash);
	return { queue: queue.map((q) => ({ ...q, organisation: orgs.find((o) => o.id === q.organisationId)?.name ?? '' })), reports };
};

export const actions: Actions = {
	/** Error reports from the public: marked handled (the reporter's contact is erased). */
	handled: async (event) => {
		const actor = authorize(event, directoryRules.moderate);
		const ids = (await event.request.formData()).getAll('report').map(String).filter((id) => z.uuid().safeParse(id).success);
		if (!ids.length) return fail(400, { reportError: 'pro.reports.noneChosen' });
		const n = await createServiceReports({ db: runtime().database.db }).markHandled(ids, actor.userId, requestContext(event).ipHash);
		return { handled: n };
	}
};
