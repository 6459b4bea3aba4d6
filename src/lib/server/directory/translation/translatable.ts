import { and, eq, inArray, or } from 'drizzle-orm';
import { locales, sourceLocale } from '../../../i18n/locales';
import type { Database } from '../../db/client';
import { logger } from '../../log/logger';
import { translation } from '../directory.table';
import type { MachineTranslator } from './machine-translation';
import { sourceHash } from './source-hash';

/** A save never waits longer than this for the provider; what is not back by then stays missing. */
export const machineTranslationBudgetMs = 15_000;
const parallelRequests = 3;
/** The languages free texts are translated into: every UI locale but the French source. */
export const targetLocales = locales.filter((l) => l !== sourceLocale);

/** One translatable free-text field of an entity (rows of the shared `translation` table). */
export type TranslatableField = {
	/** `entityType.entityId.field`: names the field in forms. */
	key: string;
	entityType: string;
	entityId: string;
	field: string;
	maxLength: number;
	/** For an exception's message: its dates. */
	period: { startsOn: string; endsOn: string } | null;
	/** The French text of the last published version (to date translations made before hashes). */
	publishedSource: string | null;
};

type Row = typeof translation.$inferSelect;
export type ShownStatus = 'source' | 'machine' | 'reviewed' | 'outdated' | 'missing';
export const fieldKey = (r: { entityType: string; entityId: string; field: string }) => `${r.entityType}.${r.entityId}.${r.field}`;

/**
 * The translation rules shared by every domain with free text in several languages (the
 * directory's services, the agenda's events). A domain says which fields a subject has
 * (`fieldsOf`) and what a human change of a translation means for it (`changed`, inside the
 * transaction: back to draft, history, audit).
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
export function createTranslatable<Ctx>({
	db,
	translator = null,
	fieldsOf,
	changed
}: {
	db: Database;
	translator?: MachineTranslator | null;
	fieldsOf: (subjectId: string) => Promise<TranslatableField[]>;
	changed: (tx: Database, subjectId: string, ctx: Ctx, details: Record<string, string | number>) => Promise<void>;
}) {
	async function rowsOf(fields: TranslatableField[]): Promise<Row[]> {
		const types = [...new Set(fields.map((f) => f.entityType))];
		const conditions = types.map((type) => and(eq(translation.entityType, type), inArray(translation.entityId, [...new Set(fields.filter((f) => f.entityType === type).map((f) => f.entityId))])));
		if (!conditions.length) return [];
		return db.select().from(translation).where(or(...conditions));
	}

	/** Each field with its French source, its hash, and its rows by locale. */
	async function state(subjectId: string) {
		const fields = await fieldsOf(subjectId);
		const rows = await rowsOf(fields);
		return fields.map((f) => {
			const own = rows.filter((r) => fieldKey(r) === f.key);
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
	 * After a save of the working version: outdate or drop translations of a changed source, then
	 * ask the provider for the missing languages. Never throws for a provider problem, never
	 * waits longer than machineTranslationBudgetMs for it.
	 */
	async function refresh(subjectId: string): Promise<void> {
		const fields = await state(subjectId);
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
	async function reviewView(subjectId: string) {
		const fields = await state(subjectId);
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

	/**
	 * Saves what editors typed (`<locale>.<field key>` → text). A changed text becomes
	 * `reviewed` with the current source's hash; an empty one is deleted (missing); unchanged
	 * ones keep their status (confirm() marks a machine text reviewed). Too long: refused field
	 * by field, nothing written. Any change is reported to `changed` in the same transaction.
	 */
	async function review(subjectId: string, posted: Record<string, string>, ctx: Ctx): Promise<{ errors: Record<string, string>; changed: number }> {
		const fields = (await state(subjectId)).filter((f) => f.source !== null);
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
			await changed(tx as unknown as Database, subjectId, ctx, { count: writes.length, locales: [...new Set(writes.map((w) => w.locale))].sort().join(',') });
		});
		return { errors, changed: writes.length };
	}

	/** "This machine (or outdated) translation is right": reviewed, for the current source, text unchanged. */
	async function confirm(subjectId: string, key: string, locale: string, ctx: Ctx): Promise<boolean> {
		const f = (await state(subjectId)).find((x) => x.key === key);
		const row = f?.rows.get(locale);
		if (!f || !row || f.hash === null || (row.status === 'reviewed' && isCurrent(row, f))) return false;
		await db.transaction(async (tx) => {
			await tx
				.update(translation)
				.set({ status: 'reviewed', sourceHash: f.hash, updatedAt: new Date() })
				.where(and(eq(translation.entityType, f.entityType), eq(translation.entityId, f.entityId), eq(translation.field, f.field), eq(translation.locale, locale)));
			await changed(tx as unknown as Database, subjectId, ctx, { count: 1, locales: locale, confirmed: 1 });
		});
		return true;
	}

	return { refresh, reviewView, review, confirm, inputName };
}
