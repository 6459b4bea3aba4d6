import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { runtime } from '$server/app/runtime';
import { campaignsFor, loadCampaign } from '$server/directory/campaign.http';
import { directoryRules } from '$server/directory/directory.policy';
import { authorize, requestContext } from '$server/http/guard';
import { territoryNames } from '$server/directory/campaign.names';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	authorize(event, directoryRules.moderate);
	const c = await loadCampaign(event);
	const campaigns = campaignsFor(event);
	return {
		campaign: c,
		municipalities: await territoryNames(runtime().database.db, c.nisCodes),
		targets: c.status === 'draft' ? (await campaigns.targets(c)).length : null,
		organisations: await campaigns.organisationsOf(c.id)
	};
};

const organisationField = z.object({ organisation: z.uuid() });

/** Every action: a directory editor, on an existing campaign. */
async function guard(event: RequestEvent) {
	const actor = authorize(event, directoryRules.moderate);
	const c = await loadCampaign(event);
	return { c, ctx: { actorUserId: actor.userId, ipHash: requestContext(event).ipHash } };
}

async function organisationOf(event: RequestEvent) {
	const parsed = organisationField.safeParse(Object.fromEntries(await event.request.formData()));
	if (!parsed.success) error(400, 'pro.errors.invalid');
	return parsed.data.organisation;
}

export const actions: Actions = {
	/** Draft → running: the targeted organisations are listed and e-mailed. */
	launch: async (event) => {
		const { c, ctx } = await guard(event);
		if (c.status !== 'draft') return fail(409, { error: 'pro.campaigns.notRunning' });
		const result = await campaignsFor(event).launch(c.id, ctx);
		return { sent: result.sent };
	},
	/** E-mails the organisations not reached yet (a failed send, an address added since). */
	send: async (event) => {
		const { c, ctx } = await guard(event);
		if (c.status !== 'running') return fail(409, { error: 'pro.campaigns.notRunning' });
		return { sent: await campaignsFor(event).sendPending(c.id, ctx) };
	},
	resend: async (event) => {
		const { c, ctx } = await guard(event);
		const organisationId = await organisationOf(event);
		if (c.status !== 'running') return fail(409, { error: 'pro.campaigns.notRunning' });
		if (!(await campaignsFor(event).send(c.id, organisationId, ctx))) return fail(409, { error: 'pro.campaigns.noRecipient' });
		return { resent: true };
	},
	/** An update obtained by phone or during a visit: the organisation's services are marked verified. */
	record: async (event) => {
		const { c, ctx } = await guard(event);
		const data = await event.request.formData();
		const parsed = organisationField.extend({ method: z.enum(['phone', 'visit']) }).safeParse({ organisation: data.get('organisation'), method: data.get('method') });
		if (!parsed.success) error(400, 'pro.errors.invalid');
		if (c.status !== 'running') return fail(409, { error: 'pro.campaigns.notRunning' });
		if (!(await campaignsFor(event).recordUpdate(c.id, parsed.data.organisation, parsed.data.method, ctx))) error(404, 'Not Found');
		return { recorded: true };
	},
	close: async (event) => {
		const { c, ctx } = await guard(event);
		if (!(await campaignsFor(event).close(c.id, ctx))) return fail(409, { error: 'pro.campaigns.notRunning' });
		return { closed: true };
	}
};
