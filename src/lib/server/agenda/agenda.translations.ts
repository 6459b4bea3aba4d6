import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import type { MachineTranslator } from '../directory/translation/machine-translation';
import { createTranslatable, fieldKey, type TranslatableField } from '../directory/translation/translatable';
import { agendaEvent, agendaHistory } from './agenda.table';
import { EVENT_ENTITY, eventTextFields, type PublishedEvent } from './agenda.types';

type Ctx = { actorUserId: string | null; ipHash: string };
const publishedKey = { title: 'title', description: 'description', price: 'price', image_alt: 'imageAlt' } as const;

/**
 * Machine translation and human review of an activity's texts (title, description, price,
 * image alt), with the directory's rules and statuses (source, machine, reviewed, outdated).
 * A human change of a translation is a change of the working version: back to draft (a
 * proposal stays in the queue), history `translated`, audit.
 */
export function createEventTranslations({ db, translator = null }: { db: Database; translator?: MachineTranslator | null }) {
	async function fieldsOf(eventId: string): Promise<TranslatableField[]> {
		const [row] = await db.select({ published: agendaEvent.published }).from(agendaEvent).where(eq(agendaEvent.id, eventId));
		const published = (row?.published as PublishedEvent | null) ?? null;
		return eventTextFields.map((f) => ({
			key: fieldKey({ entityType: EVENT_ENTITY, entityId: eventId, field: f.field }),
			entityType: EVENT_ENTITY,
			entityId: eventId,
			field: f.field,
			maxLength: f.maxLength,
			period: null,
			publishedSource: published?.[publishedKey[f.field]]?.fr?.text ?? null
		}));
	}

	async function changed(d: Database, eventId: string, ctx: Ctx, details: Record<string, string | number>) {
		const [row] = await d.select({ origin: agendaEvent.origin, status: agendaEvent.status, organisationId: agendaEvent.organisationId }).from(agendaEvent).where(eq(agendaEvent.id, eventId));
		await d.update(agendaEvent).set({ status: row!.origin === 'proposal' ? row!.status : 'draft', updatedAt: new Date() }).where(eq(agendaEvent.id, eventId));
		await d.insert(agendaHistory).values({ eventId, actorUserId: ctx.actorUserId, action: 'translated' });
		await recordAudit(d, { actorUserId: ctx.actorUserId, organisationId: row!.organisationId, action: 'agenda.event.translated', subjectType: 'agenda_event', subjectId: eventId, ipHash: ctx.ipHash, details });
	}

	return createTranslatable<Ctx>({ db, translator, fieldsOf, changed });
}
