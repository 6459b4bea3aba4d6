import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { createDirectoryRepository } from '../directory.repository';
import { scheduleException, service, serviceHistory } from '../directory.table';
import type { PublishedService } from '../directory.types';
import type { MachineTranslator } from './machine-translation';
import { createTranslatable, fieldKey, type TranslatableField } from './translatable';

export { machineTranslationBudgetMs, targetLocales, type ShownStatus, type TranslatableField } from './translatable';

/** The free-text fields of a service, with the form's length limits. */
const serviceFields = [
	{ field: 'name', maxLength: 160, published: 'name' },
	{ field: 'description', maxLength: 3000, published: 'description' },
	{ field: 'documents', maxLength: 1000, published: 'documents' },
	{ field: 'fee_details', maxLength: 500, published: 'feeDetails' }
] as const;
const exceptionMessageMax = 500;

type Ctx = { actorUserId: string; ipHash: string };

/**
 * Machine translation and human review of a service's free text (name, description, documents,
 * fee details, and its exceptions' messages), with the rules of `createTranslatable`. Editing a
 * translation, like a save, puts the service back to draft (history `translated`, audit).
 */
export function createTranslations({ db, translator = null }: { db: Database; translator?: MachineTranslator | null }) {
	async function fieldsOf(serviceId: string): Promise<TranslatableField[]> {
		const [row] = await db.select({ published: service.published }).from(service).where(eq(service.id, serviceId));
		const published = (row?.published as PublishedService | null) ?? null;
		const exceptions = await db.select().from(scheduleException).where(eq(scheduleException.serviceId, serviceId)).orderBy(asc(scheduleException.startsOn));
		return [
			...serviceFields.map((f) => ({
				key: fieldKey({ entityType: 'service', entityId: serviceId, field: f.field }),
				entityType: 'service',
				entityId: serviceId,
				field: f.field,
				maxLength: f.maxLength,
				period: null,
				publishedSource: published?.[f.published].fr?.text ?? null
			})),
			...exceptions.map((e) => ({
				key: fieldKey({ entityType: 'schedule_exception', entityId: e.id, field: 'message' }),
				entityType: 'schedule_exception',
				entityId: e.id,
				field: 'message',
				maxLength: exceptionMessageMax,
				period: { startsOn: e.startsOn, endsOn: e.endsOn },
				// Published exceptions carry no id: translations made before hashes are re-checked.
				publishedSource: null
			}))
		];
	}

	/** A translation change is a change of the working version: back to draft, history, audit (inside the caller's transaction). */
	async function changed(d: Database, serviceId: string, ctx: Ctx, details: Record<string, string | number>) {
		const [current] = await d.update(service).set({ status: 'draft', updatedAt: new Date() }).where(eq(service.id, serviceId)).returning({ organisationId: service.organisationId });
		const snapshot = await createDirectoryRepository({ db: d }).snapshot(serviceId, new Date());
		await d.insert(serviceHistory).values({ serviceId, actorUserId: ctx.actorUserId, action: 'translated', snapshot });
		await recordAudit(d, { actorUserId: ctx.actorUserId, organisationId: current!.organisationId, action: 'directory.service.translated', subjectType: 'service', subjectId: serviceId, ipHash: ctx.ipHash, details });
	}

	return createTranslatable<Ctx>({ db, translator, fieldsOf, changed });
}
