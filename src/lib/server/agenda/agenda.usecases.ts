import { and, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import { enqueueEventBroadcast } from '../broadcast/broadcast.enqueue';
import type { Database } from '../db/client';
import { translation } from '../directory/directory.table';
import type { MachineTranslator } from '../directory/translation/machine-translation';
import { createThrottle, type ThrottleRule } from '../identity/throttle';
import { createAgendaRepository, timingOf } from './agenda.repository';
import type { EventInput, ProposalExtra } from './agenda.schemas';
import { agendaEvent, agendaHistory, agendaImage, agendaOccurrence } from './agenda.table';
import { createEventTranslations } from './agenda.translations';
import { EVENT_ENTITY, type PublishedEvent } from './agenda.types';
import type { ProcessedImage } from './agenda.images';
import { expandTiming } from './recurrence';

export type Ctx = { actorUserId: string | null; ipHash: string };
type Tx = Database;

/** Public proposals: 5 an hour from one address, then an hour's pause (like error reports). */
export const proposalRule: ThrottleRule = { limit: 5, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

/** A step that is not possible in the activity's current state (the route answers 409). */
export class AgendaStateError extends Error {
	override name = 'AgendaStateError';
}

/** The working columns of a checked form. */
function columns(f: EventInput) {
	const place = f.mode === 'place';
	return {
		category: f.category,
		startDate: f.timing.startDate,
		startTime: f.timing.startTime,
		endDate: f.timing.endDate,
		endTime: f.timing.endTime,
		rrule: f.timing.rrule,
		exdates: f.timing.exdates,
		online: !place,
		onlineUrl: place ? null : f.onlineUrl,
		placeName: place ? f.placeName : null,
		street: place ? f.street : null,
		postalCode: place ? f.postalCode : null,
		nisCode: place ? f.nisCode : null,
		free: f.free,
		registration: f.registration,
		registrationUrl: f.registration === 'required' ? f.registrationUrl : null,
		registrationPhone: f.registration === 'required' ? f.registrationPhone : null,
		languages: [...new Set(f.languages)],
		interpreter: f.interpreter,
		childcare: f.childcare,
		wheelchair: f.wheelchair,
		audience: f.audience,
		url: f.url
	};
}

/**
 * The agenda's write path: organisations write and send activities for review, anyone may
 * propose one, directory editors publish, return, decline or cancel. Every step is kept in the
 * history and the audit log in its transaction; publishing, re-publishing a change and
 * cancelling queue the channel message (enqueueEventBroadcast) in the same transaction.
 */
export function createAgenda({ db, translator = null }: { db: Database; translator?: MachineTranslator | null }) {
	const repo = createAgendaRepository({ db });
	const translations = () => createEventTranslations({ db, translator });

	async function step(tx: Tx, row: { id: string; organisationId: string | null }, ctx: Ctx, action: string, comment: string | null = null, details?: Record<string, string | number | boolean | null>) {
		await tx.insert(agendaHistory).values({ eventId: row.id, actorUserId: ctx.actorUserId, action, comment });
		await recordAudit(tx, { actorUserId: ctx.actorUserId, organisationId: row.organisationId, action: `agenda.event.${action}`, subjectType: 'agenda_event', subjectId: row.id, ipHash: ctx.ipHash, details });
	}

	async function mustGet(id: string) {
		const row = await repo.byId(id);
		if (!row) throw new AgendaStateError('not found');
		return row;
	}

	/** The French source of a text field: written, replaced, or removed when empty. */
	async function writeSource(tx: Tx, id: string, field: string, text: string | null) {
		const where = and(eq(translation.entityType, EVENT_ENTITY), eq(translation.entityId, id), eq(translation.field, field), eq(translation.locale, 'fr'));
		const [current] = await tx.select().from(translation).where(where);
		if ((current?.text ?? null) === (text || null)) return;
		if (!text) {
			// No French left: its translations have nothing left to translate.
			await tx.delete(translation).where(and(eq(translation.entityType, EVENT_ENTITY), eq(translation.entityId, id), eq(translation.field, field)));
			return;
		}
		await tx
			.insert(translation)
			.values({ entityType: EVENT_ENTITY, entityId: id, field, locale: 'fr', text, status: 'source' })
			.onConflictDoUpdate({ target: [translation.entityType, translation.entityId, translation.field, translation.locale], set: { text, status: 'source', updatedAt: new Date() } });
	}

	/** A new activity of an organisation, as a draft. */
	async function create(organisationId: string, form: EventInput, ctx: Ctx & { actorUserId: string }): Promise<string> {
		const id = await db.transaction(async (tx) => {
			const [row] = await tx.insert(agendaEvent).values({ organisationId, origin: 'organisation', status: 'draft', createdBy: ctx.actorUserId, ...columns(form) }).returning({ id: agendaEvent.id, organisationId: agendaEvent.organisationId });
			await writeSource(tx as unknown as Tx, row!.id, 'title', form.title);
			await writeSource(tx as unknown as Tx, row!.id, 'description', form.description);
			await writeSource(tx as unknown as Tx, row!.id, 'price', form.free ? null : form.price);
			await step(tx as unknown as Tx, row!, ctx, 'created');
			return row!.id;
		});
		await translations().refresh(id);
		return id;
	}

	/**
	 * Saves the working version. The public keeps the published snapshot until a moderator
	 * publishes this one: an organisation's activity goes back to draft (to be sent again);
	 * a proposal completed by a moderator stays in the queue.
	 */
	async function save(id: string, form: EventInput, ctx: Ctx) {
		const row = await mustGet(id);
		if (row.status === 'cancelled' || row.status === 'declined') throw new AgendaStateError(row.status);
		await db.transaction(async (tx) => {
			const status = row.origin === 'proposal' ? row.status : 'draft';
			await tx.update(agendaEvent).set({ ...columns(form), status, updatedAt: new Date() }).where(eq(agendaEvent.id, id));
			await writeSource(tx as unknown as Tx, id, 'title', form.title);
			await writeSource(tx as unknown as Tx, id, 'description', form.description);
			await writeSource(tx as unknown as Tx, id, 'price', form.free ? null : form.price);
			await step(tx as unknown as Tx, row, ctx, 'saved');
		});
		// Translations of a changed French source: machine ones refreshed or dropped, reviewed ones outdated.
		await translations().refresh(id);
	}

	async function submit(id: string, ctx: Ctx) {
		const row = await mustGet(id);
		if (!['draft', 'returned'].includes(row.status)) throw new AgendaStateError(row.status);
		await db.transaction(async (tx) => {
			await tx.update(agendaEvent).set({ status: 'submitted', updatedAt: new Date() }).where(eq(agendaEvent.id, id));
			await step(tx as unknown as Tx, row, ctx, 'submitted');
		});
	}

	/** Rewrites the public dates of an activity from its snapshot (cancelled ones stay, marked). */
	async function writeOccurrences(tx: Tx, snap: PublishedEvent) {
		await tx.delete(agendaOccurrence).where(eq(agendaOccurrence.eventId, snap.id));
		const expanded = expandTiming(timingOf(snap));
		if (!expanded.ok) throw new AgendaStateError(expanded.problem);
		if (!expanded.occurrences.length) return;
		await tx.insert(agendaOccurrence).values(
			expanded.occurrences.map((o) => ({
				eventId: snap.id,
				startsAt: o.start,
				endsAt: o.end,
				day: o.date,
				allDay: o.allDay,
				category: snap.category,
				nisCode: snap.place?.nisCode ?? null,
				online: snap.online,
				languages: snap.languages,
				free: snap.free,
				childcare: snap.childcare,
				cancelled: snap.status === 'cancelled'
			}))
		);
	}

	/** Publishes the working version (first time: 'published' to the channel; again: 'updated'). */
	async function publish(id: string, ctx: Ctx & { actorUserId: string }, comment: string | null) {
		const row = await mustGet(id);
		if (row.status === 'cancelled' || row.status === 'declined') throw new AgendaStateError(row.status);
		const now = new Date();
		const change = row.published ? 'updated' : 'published';
		await db.transaction(async (tx) => {
			const t = tx as unknown as Tx;
			const snap = await createAgendaRepository({ db: t }).snapshot(id, now);
			if (!row.published) snap.publishedAt = now.toISOString();
			// A proposal's contact has served its purpose once the proposal is moderated.
			await t.update(agendaEvent).set({ status: 'published', published: snap, publishedAt: row.publishedAt ?? now, contact: null, updatedAt: now }).where(eq(agendaEvent.id, id));
			await writeOccurrences(t, snap);
			// Images neither in the working version nor in the snapshot are no longer needed.
			const keep = [row.imageId, snap.image?.id].filter((x): x is string => Boolean(x));
			await t.delete(agendaImage).where(keep.length ? and(eq(agendaImage.eventId, id), notInArray(agendaImage.id, keep)) : eq(agendaImage.eventId, id));
			await step(t, row, ctx, 'published', comment, { change });
			await enqueueEventBroadcast(t, { eventId: id, change });
		});
	}

	/** Back to the organisation with what to change (an organisation's activity only). */
	async function returnToOrganisation(id: string, ctx: Ctx, comment: string) {
		const row = await mustGet(id);
		if (row.status !== 'submitted' || row.origin !== 'organisation') throw new AgendaStateError(row.status);
		await db.transaction(async (tx) => {
			await tx.update(agendaEvent).set({ status: 'returned', updatedAt: new Date() }).where(eq(agendaEvent.id, id));
			await step(tx as unknown as Tx, row, ctx, 'returned', comment);
		});
	}

	/** A public proposal not kept: declined, its contact erased. */
	async function decline(id: string, ctx: Ctx, comment: string | null) {
		const row = await mustGet(id);
		if (row.origin !== 'proposal' || row.status !== 'submitted') throw new AgendaStateError(row.status);
		await db.transaction(async (tx) => {
			await tx.update(agendaEvent).set({ status: 'declined', contact: null, updatedAt: new Date() }).where(eq(agendaEvent.id, id));
			await step(tx as unknown as Tx, row, ctx, 'declined', comment);
		});
	}

	/** A published activity that will not take place: shown as cancelled, said so on the channel. */
	async function cancel(id: string, ctx: Ctx, comment: string | null) {
		const row = await mustGet(id);
		if (!row.published || row.status === 'cancelled') throw new AgendaStateError(row.status);
		const now = new Date();
		await db.transaction(async (tx) => {
			const t = tx as unknown as Tx;
			const snap: PublishedEvent = { ...(row.published as PublishedEvent), status: 'cancelled', cancelledAt: now.toISOString(), updatedAt: now.toISOString() };
			await t.update(agendaEvent).set({ status: 'cancelled', published: snap, cancelledAt: now, updatedAt: now }).where(eq(agendaEvent.id, id));
			await t.update(agendaOccurrence).set({ cancelled: true }).where(eq(agendaOccurrence.eventId, id));
			await step(t, row, ctx, 'cancelled', comment);
			await enqueueEventBroadcast(t, { eventId: id, change: 'cancelled' });
		});
	}

	/**
	 * A proposal from the public form, held for moderation. Returns 'throttled' when the address
	 * sent too many; a filled hidden field is accepted silently and dropped (no signal to robots).
	 * All or nothing: the activity, its texts and its history in one transaction.
	 */
	async function propose(form: EventInput, extra: ProposalExtra, locale: string, ipHash: string): Promise<'kept' | 'throttled'> {
		const throttle = createThrottle({ db });
		const key = `proposal-${ipHash}`;
		if (await throttle.lockedUntil(key)) return 'throttled';
		await throttle.hit(key, proposalRule);
		if (extra.website) return 'kept';
		const ctx: Ctx = { actorUserId: null, ipHash };
		await db.transaction(async (tx) => {
			const t = tx as unknown as Tx;
			const [row] = await t
				.insert(agendaEvent)
				.values({ organisationId: null, origin: 'proposal', status: 'submitted', organiserName: extra.organiserName, contact: extra.contact, locale, ...columns(form) })
				.returning({ id: agendaEvent.id, organisationId: agendaEvent.organisationId });
			await writeSource(t, row!.id, 'title', form.title);
			await writeSource(t, row!.id, 'description', form.description);
			await writeSource(t, row!.id, 'price', form.free ? null : form.price);
			await step(t, row!, ctx, 'proposed', null, { locale });
		});
		return 'kept';
	}

	/** A new image (already checked and resized) with its French alt text; the working version changes. */
	async function setImage(id: string, image: ProcessedImage, alt: string, ctx: Ctx) {
		const row = await mustGet(id);
		if (row.status === 'cancelled' || row.status === 'declined') throw new AgendaStateError(row.status);
		await db.transaction(async (tx) => {
			const t = tx as unknown as Tx;
			const [stored] = await t.insert(agendaImage).values({ eventId: id, ...image }).returning({ id: agendaImage.id });
			const published = row.published as PublishedEvent | null;
			// The previous working image goes unless the public page still shows it.
			if (row.imageId && row.imageId !== published?.image?.id) await t.delete(agendaImage).where(eq(agendaImage.id, row.imageId));
			await t.update(agendaEvent).set({ imageId: stored!.id, status: row.origin === 'proposal' ? row.status : 'draft', updatedAt: new Date() }).where(eq(agendaEvent.id, id));
			await writeSource(t, id, 'image_alt', alt);
			await step(t, row, ctx, 'image', null, { image: stored!.id });
		});
		await translations().refresh(id);
	}

	async function removeImage(id: string, ctx: Ctx) {
		const row = await mustGet(id);
		if (!row.imageId) return;
		await db.transaction(async (tx) => {
			const t = tx as unknown as Tx;
			const published = row.published as PublishedEvent | null;
			await t.update(agendaEvent).set({ imageId: null, status: row.origin === 'proposal' ? row.status : 'draft', updatedAt: new Date() }).where(eq(agendaEvent.id, id));
			if (row.imageId !== published?.image?.id) await t.delete(agendaImage).where(eq(agendaImage.id, row.imageId!));
			await writeSource(t, id, 'image_alt', null);
			await step(t, row, ctx, 'image_removed');
		});
	}

	/** Whether an image may be shown to the public: the one of a published snapshot. */
	async function isPublicImage(imageId: string): Promise<boolean> {
		const img = await repo.image(imageId);
		if (!img) return false;
		const snap = await repo.publishedById(img.eventId);
		return snap?.image?.id === imageId;
	}

	/** A draft never published may be deleted by those who write it. */
	async function remove(id: string, ctx: Ctx) {
		const row = await mustGet(id);
		if (row.published) throw new AgendaStateError(row.status);
		await db.transaction(async (tx) => {
			await tx.delete(translation).where(and(eq(translation.entityType, EVENT_ENTITY), eq(translation.entityId, id)));
			await tx.delete(agendaEvent).where(eq(agendaEvent.id, id));
			await recordAudit(tx as unknown as Tx, { actorUserId: ctx.actorUserId, organisationId: row.organisationId, action: 'agenda.event.deleted', subjectType: 'agenda_event', subjectId: id, ipHash: ctx.ipHash });
		});
	}

	/** Open proposals with a contact: reading them is audited (the contact is personal data). */
	async function recordContactsRead(ids: string[], ctx: Ctx & { actorUserId: string }) {
		if (!ids.length) return;
		const withContact = await db.select({ id: agendaEvent.id }).from(agendaEvent).where(and(inArray(agendaEvent.id, ids), ne(agendaEvent.contact, '')));
		if (withContact.length) await recordAudit(db, { actorUserId: ctx.actorUserId, action: 'agenda.proposal.contact_viewed', subjectType: 'agenda_event', subjectId: ids.length === 1 ? ids[0]! : null, ipHash: ctx.ipHash, details: { count: withContact.length } });
	}

	return { create, save, submit, publish, returnToOrganisation, decline, cancel, propose, setImage, removeImage, isPublicImage, remove, recordContactsRead };
}
