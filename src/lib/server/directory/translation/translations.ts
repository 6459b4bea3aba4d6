import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { locales, sourceLocale } from '../../../i18n/locales';
import { recordAudit } from '../../audit/audit.repository';
import type { Database } from '../../db/client';
import { logger } from '../../log/logger';
import { createDirectoryRepository } from '../directory.repository';
import { scheduleException, service, serviceHistory, translation } from '../directory.table';
import type { PublishedService } from '../directory.types';
import type { MachineTranslator } from './machine-translation';
import { sourceHash } from './source-hash';

/** A save never waits longer than this for the provider; what is not back by then stays missing. */
export const machineTranslationBudgetMs = 15_000;
const parallelRequests = 3;

/** The languages a service's texts are translated into: every UI locale but the French source. */
export const targetLocales = locales.filter((l) => l !== sourceLocale);

/** The free-text fields of a service, with the form's length limits. */
const serviceFields = [
	{ field: 'name', maxLength: 160, published: 'name' },
	{ field: 'description', maxLength: 3000, published: 'description' },
	{ field: 'documents', maxLength: 1000, published: 'documents' },
	{ field: 'fee_details', maxLength: 500, published: 'feeDetails' }
] as const;
const exceptionMessageMax = 500;

type Entity = 'service' | 'schedule_exception';
export type TranslatableField = {
	/** `entityType.entityId.field`: names the field in forms. */
	key: string;
	entityType: Entity;
	entityId: string;
	field: string;
	maxLength: number;
	/** For an exception's message: its dates. */
	period: { startsOn: string; endsOn: string } | null;
	/** The French text of the last published version (to date translations made before hashes). */
	publishedSource: string | null;
};
type Row = typeof translation.$inferSelect;
type Ctx = { actorUserId: string; ipHash: string };
export type ShownStatus = 'source' | 'machine' | 'reviewed' | 'outdated' | 'missing';

const keyOf = (r: { entityType: string; entityId: string; field: string }) => `${r.entityType}.${r.entityId}.${r.field}`;

/**
 * Machine translation and human review of a service's free text (name, description, documents,
 * fee details, and its exceptions' messages).
 *
 * The rule when the French source of a field changes (translation.source_hash no longer matches):
 * - a machine translation is replaced by a fresh one from the provider, or deleted when there is
 *   no provider or it fails (the public then gets the French, marked as such);
 * - a reviewed translation becomes `outdated`: its text is kept for editors to update or confirm
 *   on the review screen, never shown to the public, and never overwritten by a machine (the
 *   row holds one text per language, so the public gets the French for that language meanwhile);
 * - missing languages get machine translations when a provider is configured.
 * So the public never reads a translation of an older source, and human work is never dropped.
 */
export function createTranslations({ db, translator = null }: { db: Database; translator?: MachineTranslator | null }) {
	async function fieldsOf(serviceId: string): Promise<TranslatableField[]> {
		const [row] = await db.select({ published: service.published }).from(service).where(eq(service.id, serviceId));
		const published = (row?.published as PublishedService | null) ?? null;
		const exceptions = await db.select().from(scheduleException).where(eq(scheduleException.serviceId, serviceId)).orderBy(asc(scheduleException.startsOn));
		return [
			...serviceFields.map((f) => ({
				key: keyOf({ entityType: 'service', entityId: serviceId, field: f.field }),
				entityType: 'service' as const,
				entityId: serviceId,
				field: f.field,
				maxLength: f.maxLength,
				period: null,
				publishedSource: published?.[f.published].fr?.text ?? null
			})),
			...exceptions.map((e) => ({
				key: keyOf({ entityType: 'schedule_exception', entityId: e.id, field: 'message' }),
				entityType: 'schedule_exception' as const,
				entityId: e.id,
				field: 'message',
				maxLength: exceptionMessageMax,
				period: { startsOn: e.startsOn, endsOn: e.endsOn },
				// Published exceptions carry no id: translations made before hashes are re-checked.
				publishedSource: null
			}))
		];
	}

	async function rowsOf(fields: TranslatableField[]): Promise<Row[]> {
		const byType = (type: Entity) => [...new Set(fields.filter((f) => f.entityType === type).map((f) => f.entityId))];
		const conditions = (['service', 'schedule_exception'] as const)
			.map((type) => byType(type))
			.map((ids, i) => (ids.length ? and(eq(translation.entityType, i === 0 ? 'service' : 'schedule_exception'), inArray(translation.entityId, ids)) : undefined))
			.filter((c) => c !== undefined);
		if (!conditions.length) return [];
		return db.select().from(translation).where(or(...conditions));
	}

	/** Each field with its French source, its hash, and its rows by locale. */
	async function state(serviceId: string) {
		const fields = await fieldsOf(serviceId);
		const rows = await rowsOf(fields);
		return fields.map((f) => {
			const own = rows.filter((r) => keyOf(r) === f.key);
			const source = own.find((r) => r.locale === sourceLocale)?.text ?? null;
			return { ...f, source, hash: source === null ? null : sourceHash(source), rows: new Map(own.filter((r) => r.locale !== sourceLocale).map((r) => [r.locale, r])) };
		});
	}

	/** Is this translation made from the field's current French source? */
	function isCurrent(row: Row, f: { hash: string | null; source: string | null; publishedSource: string | null }): boolean {
		if (f.hash === null) return false;
		if (row.sourceHash !== null) return row.sourceHash === f.hash;
		// Made before hashes existed: current while the French is still the published one.
		return f.publishedSource !== null && f.publishedSource === f.source;
	}

	/**
	 * After the organisation saved its working version: outdate or drop translations of a changed
	 * source, then ask the provider for the missing languages. Never throws for a provider
	 * problem, never waits longer than machineTranslationBudgetMs for it.
	 */
	async function refresh(serviceId: string): Promise<void> {
		const fields = await state(serviceId);
		const now = new Date();
		const wanted: { f: (typeof fields)[number]; locale: string }[] = [];
		await db.transaction(async (tx) => {
			for (const f of fields) {
				const where = (locale: string) => and(eq(translation.entityType, f.entityType), eq(translation.entityId, f.entityId), eq(translation.field, f.field), eq(translation.locale, locale));
				for (const [locale, row] of f.rows) {
					if (row.status === 'outdated') {
						// The French came back to what this translation was made from.
						if (f.hash !== null && row.sourceHash === f.hash) await tx.update(translation).set({ status: 'reviewed', updatedAt: now }).where(where(locale));
						continue;
					}
					if (isCurrent(row, f)) {
						if (row.sourceHash === null) await tx.update(translation).set({ sourceHash: f.hash }).where(where(locale));
						continue;
					}
					if (row.status === 'reviewed') await tx.update(translation).set({ status: 'outdated', updatedAt: now }).where(where(locale));
					else {
						await tx.delete(translation).where(where(locale));
						f.rows.delete(locale);
					}
				}
				if (f.source !== null) for (const locale of targetLocales) if (!f.rows.has(locale)) wanted.push({ f, locale });
			}
		});
		if (!translator || !wanted.length) return;

		try {
			const deadline = AbortSignal.timeout(machineTranslationBudgetMs);
			const supported = await translator.supportedTargets(deadline);
			const targets = [...new Set(wanted.map((w) => w.locale))].filter((l) => supported.has(l));
			const queue = [...targets];
			const worker = async () => {
				for (let locale = queue.shift(); locale !== undefined; locale = queue.shift()) {
					if (deadline.aborted) return;
					const batch = wanted.filter((w) => w.locale === locale);
					const texts = await translator.translate(batch.map((w) => w.f.source!), locale, deadline);
					if (!texts) continue;
					// A person may have written this language meanwhile: never overwrite their text.
					await db
						.insert(translation)
						.values(batch.map((w, i) => ({ entityType: w.f.entityType, entityId: w.f.entityId, field: w.f.field, locale, text: texts[i]!, status: 'machine', sourceHash: w.f.hash, updatedAt: new Date() })))
						.onConflictDoNothing();
				}
			};
			await Promise.all(Array.from({ length: Math.min(parallelRequests, targets.length) }, worker));
		} catch (e) {
			logger.warn({ error: e instanceof Error ? e.name : 'unknown' }, 'machine translation skipped');
		}
	}

	/** What the review screen shows: each field's French source and every other locale's text and status. */
	async function reviewView(serviceId: string) {
		const fields = await state(serviceId);
		return fields
			.filter((f) => f.source !== null)
			.map((f) => ({
				key: f.key,
				entityType: f.entityType,
				field: f.field,
				maxLength: f.maxLength,
				period: f.period,
				source: f.source!,
				locales: Object.fromEntries(
					targetLocales.map((locale) => {
						const row = f.rows.get(locale);
						const status: ShownStatus = !row ? 'missing' : row.status === 'outdated' || !isCurrent(row, f) ? 'outdated' : (row.status as ShownStatus);
						return [locale, { text: row?.text ?? '', status }];
					})
				) as Record<string, { text: string; status: ShownStatus }>
			}));
	}

	/** Form field name of one field in one language. */
	const inputName = (key: string, locale: string) => `${locale}.${key}`;

	/** A translation change is a change of the working version: back to draft, history, audit (inside the caller's transaction). */
	async function changed(d: Database, serviceId: string, ctx: Ctx, details: Record<string, string | number>) {
		const [current] = await d.update(service).set({ status: 'draft', updatedAt: new Date() }).where(eq(service.id, serviceId)).returning({ organisationId: service.organisationId });
		const snapshot = await createDirectoryRepository({ db: d }).snapshot(serviceId, new Date());
		await d.insert(serviceHistory).values({ serviceId, actorUserId: ctx.actorUserId, action: 'translated', snapshot });
		await recordAudit(d, { actorUserId: ctx.actorUserId, organisationId: current!.organisationId, action: 'directory.service.translated', subjectType: 'service', subjectId: serviceId, ipHash: ctx.ipHash, details });
	}

	/**
	 * Saves what editors typed (`<locale>.<field key>` → text). A changed text becomes
	 * `reviewed` with the current source's hash; an empty one is deleted (missing); unchanged
	 * ones keep their status (confirm() marks a machine text reviewed). Too long: refused field
	 * by field, nothing written. Any change puts the service back to draft for publication.
	 */
	async function review(serviceId: string, posted: Record<string, string>, ctx: Ctx): Promise<{ errors: Record<string, string>; changed: number }> {
		const fields = (await state(serviceId)).filter((f) => f.source !== null);
		const errors: Record<string, string> = {};
		const writes: { f: (typeof fields)[number]; locale: string; text: string }[] = [];
		for (const f of fields)
			for (const locale of targetLocales) {
				const raw = posted[inputName(f.key, locale)];
				if (raw === undefined) continue;
				const text = raw.trim();
				if (text.length > f.maxLength) errors[inputName(f.key, locale)] = 'pro.errors.tooLong';
				else if (text !== (f.rows.get(locale)?.text ?? '')) writes.push({ f, locale, text });
			}
		if (Object.keys(errors).length) return { errors, changed: 0 };
		if (!writes.length) return { errors, changed: 0 };
		await db.transaction(async (tx) => {
			for (const { f, locale, text } of writes) {
				const where = and(eq(translation.entityType, f.entityType), eq(translation.entityId, f.entityId), eq(translation.field, f.field), eq(translation.locale, locale));
				if (!text) await tx.delete(translation).where(where);
				else
					await tx
						.insert(translation)
						.values({ entityType: f.entityType, entityId: f.entityId, field: f.field, locale, text, status: 'reviewed', sourceHash: f.hash, updatedAt: new Date() })
						.onConflictDoUpdate({ target: [translation.entityType, translation.entityId, translation.field, translation.locale], set: { text, status: 'reviewed', sourceHash: f.hash, updatedAt: new Date() } });
			}
			await changed(tx as unknown as Database, serviceId, ctx, { count: writes.length, locales: [...new Set(writes.map((w) => w.locale))].sort().join(',') });
		});
		return { errors, changed: writes.length };
	}

	/** "This machine (or outdated) translation is right": reviewed, for the current source, text unchanged. */
	async function confirm(serviceId: string, key: string, locale: string, ctx: Ctx): Promise<boolean> {
		const f = (await state(serviceId)).find((x) => x.key === key);
		const row = f?.rows.get(locale);
		if (!f || !row || f.hash === null || (row.status === 'reviewed' && isCurrent(row, f))) return false;
		await db.transaction(async (tx) => {
			await tx
				.update(translation)
				.set({ status: 'reviewed', sourceHash: f.hash, updatedAt: new Date() })
				.where(and(eq(translation.entityType, f.entityType), eq(translation.entityId, f.entityId), eq(translation.field, f.field), eq(translation.locale, locale)));
			await changed(tx as unknown as Database, serviceId, ctx, { count: 1, locales: locale, confirmed: 1 });
		});
		return true;
	}

	return { refresh, reviewView, review, confirm, inputName };
}
