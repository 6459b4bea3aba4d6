import { and, arrayContains, asc, desc, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { translation } from '../directory/directory.table';
import type { Localised } from '../directory/directory.types';
import { publicRows } from '../directory/translation/source-hash';
import { organisation, userAccount } from '../identity/identity.table';
import { municipality } from '../territory/territory.table';
import { agendaEvent, agendaHistory, agendaImage, agendaOccurrence } from './agenda.table';
import { EVENT_ENTITY, type PublishedEvent } from './agenda.types';
import type { Timing } from './recurrence';

export type EventRow = typeof agendaEvent.$inferSelect;
const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

/** The timing of a row or a snapshot. */
export const timingOf = (e: { startDate: string; startTime: string | null; endDate: string | null; endTime: string | null; rrule: string | null; exdates: string[] }): Timing => ({
	startDate: e.startDate,
	startTime: hhmm(e.startTime),
	endDate: e.endDate,
	endTime: hhmm(e.endTime),
	rrule: e.rrule,
	exdates: e.exdates
});

/** Public filters of the agenda and its feeds, applied in SQL to the published occurrences. */
export type OccurrenceFilters = { municipality?: string; category?: string; lang?: string; free?: boolean; childcare?: boolean };

export function createAgendaRepository({ db }: { db: Database }) {
	async function byId(id: string): Promise<EventRow | null> {
		const [row] = await db.select().from(agendaEvent).where(eq(agendaEvent.id, id));
		return row ?? null;
	}

	/** Every text of an activity by field and locale, with its status (the working version). */
	async function texts(id: string) {
		return db.select().from(translation).where(and(eq(translation.entityType, EVENT_ENTITY), eq(translation.entityId, id)));
	}

	/** The French titles of several activities. */
	async function titles(ids: string[]): Promise<Map<string, string>> {
		if (!ids.length) return new Map();
		const rows = await db
			.select({ id: translation.entityId, text: translation.text })
			.from(translation)
			.where(and(eq(translation.entityType, EVENT_ENTITY), eq(translation.field, 'title'), eq(translation.locale, 'fr'), inArray(translation.entityId, ids)));
		return new Map(rows.map((r) => [r.id, r.text]));
	}

	/** Builds the public snapshot from the working version. */
	async function snapshot(id: string, at: Date, status: 'published' | 'cancelled' = 'published'): Promise<PublishedEvent> {
		const [row] = await db
			.select({ e: agendaEvent, orgName: organisation.name, place: municipality.nameFr })
			.from(agendaEvent)
			.leftJoin(organisation, eq(organisation.id, agendaEvent.organisationId))
			.leftJoin(municipality, eq(municipality.nisCode, agendaEvent.nisCode))
			.where(eq(agendaEvent.id, id));
		if (!row) throw new Error(`no event ${id}`);
		const e = row.e;
		// Outdated translations, and any made from an older French source, never reach the public.
		const shown = publicRows(await texts(id));
		const field = (name: string): Localised => Object.fromEntries(shown.filter((t) => t.field === name).map((t) => [t.locale, { text: t.text, status: t.status as 'source' }]));
		const [image] = e.imageId ? await db.select({ id: agendaImage.id, width: agendaImage.width, height: agendaImage.height, smallWidth: agendaImage.smallWidth, smallHeight: agendaImage.smallHeight }).from(agendaImage).where(eq(agendaImage.id, e.imageId)) : [];
		return {
			id: e.id,
			status,
			organiser: { organisationId: e.organisationId, name: row.orgName ?? e.organiserName ?? '' },
			title: field('title'),
			description: field('description'),
			price: field('price'),
			imageAlt: field('image_alt'),
			category: e.category,
			...timingOf(e),
			online: e.online,
			onlineUrl: e.online ? e.onlineUrl : null,
			place: e.online ? null : { name: e.placeName, street: e.street, postalCode: e.postalCode, nisCode: e.nisCode, municipality: row.place },
			free: e.free,
			registration: e.registration as 'none' | 'required',
			registrationUrl: e.registrationUrl,
			registrationPhone: e.registrationPhone,
			languages: e.languages,
			interpreter: e.interpreter,
			childcare: e.childcare,
			wheelchair: e.wheelchair,
			audience: e.audience,
			url: e.url,
			image: image ?? null,
			publishedAt: (e.publishedAt ?? at).toISOString(),
			updatedAt: at.toISOString(),
			cancelledAt: status === 'cancelled' ? at.toISOString() : null
		};
	}

	/** The public snapshot of an activity (published or cancelled), or null. */
	async function publishedById(id: string): Promise<PublishedEvent | null> {
		const [row] = await db.select({ published: agendaEvent.published }).from(agendaEvent).where(eq(agendaEvent.id, id));
		return (row?.published as PublishedEvent | null) ?? null;
	}

	/** An organisation's activities (or several organisations'), newest change first. */
	async function listForOrganisations(organisationIds: string[]) {
		if (!organisationIds.length) return [];
		const rows = await db
			.select({ id: agendaEvent.id, organisationId: agendaEvent.organisationId, status: agendaEvent.status, startDate: agendaEvent.startDate, rrule: agendaEvent.rrule, isPublic: isNotNull(agendaEvent.published), updatedAt: agendaEvent.updatedAt })
			.from(agendaEvent)
			.where(inArray(agendaEvent.organisationId, organisationIds))
			.orderBy(desc(agendaEvent.updatedAt))
			.limit(500);
		const names = await titles(rows.map((r) => r.id));
		return rows.map((r) => ({ ...r, title: names.get(r.id) ?? '' }));
	}

	/** The moderation queue: activities sent for review and public proposals, oldest first. */
	async function queue() {
		const rows = await db
			.select({ id: agendaEvent.id, origin: agendaEvent.origin, organisation: organisation.name, organiserName: agendaEvent.organiserName, startDate: agendaEvent.startDate, isPublic: isNotNull(agendaEvent.published), updatedAt: agendaEvent.updatedAt })
			.from(agendaEvent)
			.leftJoin(organisation, eq(organisation.id, agendaEvent.organisationId))
			.where(eq(agendaEvent.status, 'submitted'))
			.orderBy(asc(agendaEvent.updatedAt))
			.limit(500);
		const names = await titles(rows.map((r) => r.id));
		return rows.map((r) => ({ ...r, organiser: r.organisation ?? r.organiserName ?? '', title: names.get(r.id) ?? '' }));
	}

	async function history(id: string) {
		return db
			.select({ at: agendaHistory.at, action: agendaHistory.action, comment: agendaHistory.comment, actor: userAccount.name })
			.from(agendaHistory)
			.leftJoin(userAccount, eq(userAccount.id, agendaHistory.actorUserId))
			.where(eq(agendaHistory.eventId, id))
			.orderBy(desc(agendaHistory.id));
	}

	/**
	 * Published (and cancelled) occurrences overlapping [from, to), with their snapshots, in
	 * time order; the filters run in SQL on the facts copied at publication.
	 */
	async function occurrencesBetween(from: Date, to: Date, filters: OccurrenceFilters = {}, limit = 1000) {
		const conditions: SQL[] = [lt(agendaOccurrence.startsAt, to), or(gte(agendaOccurrence.endsAt, from), and(sql`${agendaOccurrence.endsAt} is null`, gte(agendaOccurrence.startsAt, from)))!];
		if (filters.municipality) conditions.push(eq(agendaOccurrence.nisCode, filters.municipality));
		if (filters.category) conditions.push(eq(agendaOccurrence.category, filters.category));
		if (filters.lang) conditions.push(arrayContains(agendaOccurrence.languages, [filters.lang]));
		if (filters.free) conditions.push(eq(agendaOccurrence.free, true));
		if (filters.childcare) conditions.push(eq(agendaOccurrence.childcare, true));
		const rows = await db
			.select({ o: agendaOccurrence, published: agendaEvent.published })
			.from(agendaOccurrence)
			.innerJoin(agendaEvent, eq(agendaEvent.id, agendaOccurrence.eventId))
			.where(and(...conditions, isNotNull(agendaEvent.published)))
			.orderBy(asc(agendaOccurrence.startsAt), asc(agendaOccurrence.eventId))
			.limit(limit);
		return rows.map((r) => ({ start: r.o.startsAt, end: r.o.endsAt, day: r.o.day, allDay: r.o.allDay, cancelled: r.o.cancelled, event: r.published as PublishedEvent }));
	}

	/** The activities (one each) with an occurrence in [from, to) matching the filters, by next date. */
	async function eventsBetween(from: Date, to: Date, filters: OccurrenceFilters = {}, limit = 500): Promise<PublishedEvent[]> {
		const seen = new Map<string, PublishedEvent>();
		for (const o of await occurrencesBetween(from, to, filters, 5000)) if (!seen.has(o.event.id)) seen.set(o.event.id, o.event);
		return [...seen.values()].slice(0, limit);
	}

	async function image(id: string) {
		const [row] = await db.select().from(agendaImage).where(eq(agendaImage.id, id));
		return row ?? null;
	}

	return { byId, texts, titles, snapshot, publishedById, listForOrganisations, queue, history, occurrencesBetween, eventsBetween, image };
}
