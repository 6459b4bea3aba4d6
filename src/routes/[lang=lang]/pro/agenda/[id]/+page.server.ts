import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { isLocale, sourceLocale } from '$lib/i18n/locales';
import { runtime } from '$server/app/runtime';
import { createAgendaBroadcastSource } from '$server/agenda/agenda.broadcast';
import { agendaRepo, formValues, inState, loadWorkingEvent, municipalityOptions } from '$server/agenda/agenda.http';
import { MAX_IMAGE_BYTES, processImage } from '$server/agenda/agenda.images';
import { agendaRules } from '$server/agenda/agenda.policy';
import { imagePath } from '$server/agenda/agenda.presenter';
import { readEventForm } from '$server/agenda/agenda.schemas';
import { whatsappShareLink, whatsappText } from '$server/agenda/agenda.share';
import { audiences, categories, spokenLanguages } from '$server/agenda/agenda.types';
import { createAgenda } from '$server/agenda/agenda.usecases';
import { authorize, requestContext } from '$server/http/guard';
import { publicOrigin } from '$server/http/security-headers';
import { can } from '$server/policy/policy';
import type { Actions, PageServerLoad } from './$types';

const agenda = () => createAgenda({ db: runtime().database.db, translator: runtime().translator });
const ctxOf = (event: RequestEvent, actor: { userId: string }) => ({ actorUserId: actor.userId, ipHash: requestContext(event).ipHash });
const commentSchema = z.object({ comment: z.string().trim().max(2000, 'agenda.errors.tooLong') });
async function readComment(event: RequestEvent) {
	return commentSchema.safeParse({ comment: String((await event.request.formData()).get('comment') ?? '') });
}

export const load: PageServerLoad = async (event) => {
	const row = await loadWorkingEvent(event.params.id);
	const actor = authorize(event, agendaRules['event.view'], row);
	const canModerate = can(actor, agendaRules.moderate);
	const history = await agendaRepo().history(row.id);
	if (row.contact && canModerate) await agenda().recordContactsRead([row.id], ctxOf(event, actor));
	// The post for a WhatsApp channel, in the languages chosen (French by default): for the channel's admins.
	let whatsapp = null;
	if (canModerate && row.published) {
		const chosen = event.url.searchParams.getAll('channel').filter(isLocale);
		const channelLocales = chosen.length ? chosen : [sourceLocale];
		const origin = runtime().config.origin?.replace(/\/$/, '') ?? publicOrigin(event.url);
		const broadcast = await createAgendaBroadcastSource({ db: runtime().database.db, baseUrl: origin }).loadEvent(row.id);
		if (broadcast) {
			const text = whatsappText(broadcast, channelLocales);
			whatsapp = { text, link: whatsappShareLink(text), locales: channelLocales };
		}
	}
	return {
		event: {
			id: row.id,
			status: row.status,
			origin: row.origin,
			isPublic: row.published !== null,
			organiserName: row.organiserName,
			contact: canModerate ? row.contact : null,
			locale: row.locale,
			image: row.imageId ? { src: imagePath(row.imageId, 'small') } : null
		},
		values: await formValues(row),
		history,
		returnComment: row.status === 'returned' ? (history.find((h) => h.action === 'returned')?.comment ?? null) : null,
		canEdit: can(actor, agendaRules['event.edit'], row),
		canCancel: can(actor, agendaRules['event.cancel'], row) && row.published !== null && row.status !== 'cancelled',
		canModerate,
		whatsapp,
		maxImageMegabytes: MAX_IMAGE_BYTES / 1024 / 1024,
		municipalities: await municipalityOptions(),
		categories,
		audiences,
		spokenLanguages
	};
};

export const actions: Actions = {
	save: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.edit'], row);
		const form = readEventForm(await event.request.formData());
		// Refused field by field, with everything typed kept.
		if (!form.data) return fail(400, { errors: form.errors, values: form.raw });
		const data = form.data;
		return inState(async () => {
			await agenda().save(row.id, data, ctxOf(event, actor));
			return { saved: true };
		});
	},
	submit: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.edit'], row);
		return inState(async () => {
			await agenda().submit(row.id, ctxOf(event, actor));
			return { submitted: true };
		});
	},
	/**
	 * A new image: type from its bytes, resized, metadata stripped. A body over BODY_SIZE_LIMIT is
	 * cut by the server before it is read: the page says so in its language (the activity's other
	 * fields are saved by their own form, so nothing else typed is lost).
	 */
	image: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.edit'], row);
		let data: FormData;
		try {
			data = await event.request.formData();
		} catch (e) {
			if ((e as { status?: number }).status === 413) return fail(413, { imageErrors: { image: 'agenda.errors.imageTooLarge' }, alt: '' });
			return fail(400, { imageErrors: { image: 'agenda.errors.imageBroken' }, alt: '' });
		}
		const alt = String(data.get('alt') ?? '').trim().slice(0, 1000);
		const file = data.get('image');
		const errors: Record<string, string> = {};
		if (!(file instanceof File) || file.size === 0) errors.image = 'agenda.errors.imageMissing';
		if (!alt) errors.alt = 'agenda.errors.altRequired';
		else if (alt.length > 300) errors.alt = 'agenda.errors.tooLong';
		if (Object.keys(errors).length) return fail(400, { imageErrors: errors, alt });
		const processed = await processImage(new Uint8Array(await (file as File).arrayBuffer()));
		if (!processed.ok) return fail(400, { imageErrors: { image: processed.problem }, alt });
		return inState(async () => {
			await agenda().setImage(row.id, processed.image, alt, ctxOf(event, actor));
			return { imageSaved: true };
		});
	},
	removeImage: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.edit'], row);
		await agenda().removeImage(row.id, ctxOf(event, actor));
		return { imageRemoved: true };
	},
	/** A draft never published may be deleted. */
	delete: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.edit'], row);
		const done = await inState(() => agenda().remove(row.id, ctxOf(event, actor)));
		if (done) return done;
		redirect(303, `/${event.locals.locale}/pro/agenda?deleted=1`);
	},
	/** The activity will not take place: the public page and the feeds say so, the channel too. */
	cancel: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules['event.cancel'], row);
		const form = await readComment(event);
		if (!form.success) return fail(400, { errors: { cancelComment: 'agenda.errors.tooLong' } });
		return inState(async () => {
			await agenda().cancel(row.id, ctxOf(event, actor), form.data.comment || null);
			return { cancelled: true };
		});
	},
	publish: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules.moderate);
		const form = await readComment(event);
		if (!form.success) return fail(400, { errors: { comment: 'agenda.errors.tooLong' } });
		const done = await inState(() => agenda().publish(row.id, ctxOf(event, actor), form.data.comment || null));
		if (done) return done;
		redirect(303, `/${event.locals.locale}/pro/agenda/moderation?published=1`);
	},
	/** Back to the organisation with what to change (a comment is required). */
	return: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules.moderate);
		const form = await readComment(event);
		if (!form.success || !form.data.comment) return fail(400, { errors: { comment: form.success ? 'pro.moderation.commentRequired' : 'agenda.errors.tooLong' } });
		const comment = form.data.comment;
		const done = await inState(() => agenda().returnToOrganisation(row.id, ctxOf(event, actor), comment));
		if (done) return done;
		redirect(303, `/${event.locals.locale}/pro/agenda/moderation?returned=1`);
	},
	/** A public proposal not kept. */
	decline: async (event) => {
		const row = await loadWorkingEvent(event.params.id);
		const actor = authorize(event, agendaRules.moderate);
		const form = await readComment(event);
		if (!form.success) return fail(400, { errors: { comment: 'agenda.errors.tooLong' } });
		const done = await inState(() => agenda().decline(row.id, ctxOf(event, actor), form.data.comment || null));
		if (done) return done;
		redirect(303, `/${event.locals.locale}/pro/agenda/moderation?declined=1`);
	}
};
