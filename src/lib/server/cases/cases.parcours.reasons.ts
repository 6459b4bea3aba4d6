import { asc, eq } from 'drizzle-orm';
import { locales, type Locale } from '$lib/i18n/locales';
import type { Translate } from '$lib/i18n/translator';
import { recordAudit } from '../audit/audit.repository';
import type { Database } from '../db/client';
import { parcoursReason } from './cases.parcours.table';
import type { ReasonKind } from './cases.parcours.schemas';

export type ReasonRow = typeof parcoursReason.$inferSelect;
export type ReasonInput = { kind: ReasonKind; position: number; active: boolean } & Record<`label_${string}`, string | null>;
type Context = { actorUserId: string; ipHash: string | null };

/**
 * A reason's label in a language: the admin's own wording in that language, else (built-in
 * reasons) the catalogue's translation, else the French wording.
 */
export function reasonLabel(r: Pick<ReasonRow, 'code' | 'builtin' | 'labels'>, locale: Locale, t: Translate): string {
	const own = r.labels[locale];
	if (own) return own;
	if (r.builtin) {
		const key = `pro.parcours.reason.${r.code}`;
		const text = t(key);
		if (text !== key) return text;
	}
	return r.labels.fr ?? r.code;
}

/** A code from the French label: lower case, ASCII, underscores ("Réfugié réinstallé" → refugie_reinstalle). */
export function codeFromLabel(label: string): string {
	const base = label
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 40);
	return base || 'reason';
}

const labelsOf = (input: ReasonInput): Record<string, string> => Object.fromEntries(locales.flatMap((l) => (input[`label_${l}`] ? [[l, input[`label_${l}`]!]] : [])));

export function createParcoursReasons({ db }: { db: Database }) {
	/** Every reason, in the admins' order (inactive ones too: files may still cite them). */
	async function list(): Promise<ReasonRow[]> {
		return db.select().from(parcoursReason).orderBy(asc(parcoursReason.position), asc(parcoursReason.code));
	}

	/** A new reason (French label required); its code comes from the French label, made unique. */
	async function create(input: ReasonInput, ctx: Context): Promise<{ ok: true; code: string } | { ok: false; errors: Record<string, string> }> {
		if (!input.label_fr) return { ok: false, errors: { label_fr: 'pro.errors.required' } };
		return db.transaction(async (tx) => {
			const base = codeFromLabel(input.label_fr!);
			const taken = new Set((await tx.select({ code: parcoursReason.code }).from(parcoursReason)).map((r) => r.code));
			let code = base;
			for (let i = 2; taken.has(code); i++) code = `${base}_${i}`;
			await tx.insert(parcoursReason).values({ code, kind: input.kind, labels: labelsOf(input), position: input.position, active: input.active });
			await recordAudit(tx as unknown as Database, { actorUserId: ctx.actorUserId, action: 'parcours.reason.created', subjectType: 'parcours_reason', subjectId: code, ipHash: ctx.ipHash, details: { code, kind: input.kind } });
			return { ok: true as const, code };
		});
	}

	/** Changes a reason's kind, labels, order or activity; a built-in one may leave its labels to the catalogue. */
	async function update(code: string, input: ReasonInput, ctx: Context): Promise<{ ok: true } | { ok: false; errors: Record<string, string> } | { ok: false; notFound: true }> {
		return db.transaction(async (tx) => {
			const [row] = await tx.select().from(parcoursReason).where(eq(parcoursReason.code, code)).limit(1);
			if (!row) return { ok: false as const, notFound: true as const };
			if (!row.builtin && !input.label_fr) return { ok: false as const, errors: { label_fr: 'pro.errors.required' } };
			await tx
				.update(parcoursReason)
				.set({ kind: input.kind, labels: labelsOf(input), position: input.position, active: input.active, updatedAt: new Date() })
				.where(eq(parcoursReason.code, code));
			await recordAudit(tx as unknown as Database, {
				actorUserId: ctx.actorUserId,
				action: 'parcours.reason.updated',
				subjectType: 'parcours_reason',
				subjectId: code,
				ipHash: ctx.ipHash,
				details: { code, kind: input.kind, active: input.active }
			});
			return { ok: true as const };
		});
	}

	return { list, create, update };
}
