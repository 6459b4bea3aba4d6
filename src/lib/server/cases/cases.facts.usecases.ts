import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { userAccount } from '../identity/identity.table';
import { logger } from '../log/logger';
import { recordCaseChange, type CaseActor } from './case-audit';
import { factSections, type FactSection } from './cases.notes.policy';
import type { FactData } from './cases.notes.schemas';
import { caseRestrictedFact } from './cases.notes.table';
import type { CaseSection } from './cases.sections';
import { openText, sealText, type Keyring } from './restricted-crypto';

/** One restricted section of a file as a page shows it; `data` is null when it cannot be decrypted. */
export type FactView = { section: FactSection; data: FactData | null; version: number; updatedAt: Date; updatedByName: string | null };

export const factContext = (caseFileId: string, section: FactSection) => `case_restricted_fact:${caseFileId}:${section}`;

export function readFact(keys: Keyring, caseFileId: string, section: FactSection, sealed: string): FactData | null {
	try {
		return JSON.parse(openText(keys, sealed, factContext(caseFileId, section))) as FactData;
	} catch (error) {
		logger.warn({ err: (error as Error).name, reason: (error as { reason?: string }).reason }, 'restricted fact unreadable');
		return null;
	}
}

export function createCaseFacts({ db, keys }: { db: Database; keys: Keyring }) {
	/** The restricted sections of a file among those given (absent ones were never filled in). */
	async function get(caseFileId: string, sections: ReadonlySet<CaseSection>): Promise<Partial<Record<FactSection, FactView>>> {
		const wanted = factSections.filter((s) => sections.has(s));
		const out: Partial<Record<FactSection, FactView>> = {};
		if (!wanted.length) return out;
		const rows = await db
			.select({ f: caseRestrictedFact, updatedByName: userAccount.name })
			.from(caseRestrictedFact)
			.leftJoin(userAccount, eq(userAccount.id, caseRestrictedFact.updatedBy))
			.where(and(eq(caseRestrictedFact.caseFileId, caseFileId), inArray(caseRestrictedFact.section, wanted)));
		for (const { f, updatedByName } of rows) {
			const section = f.section as FactSection;
			out[section] = { section, data: readFact(keys, caseFileId, section, f.sealed), version: f.version, updatedAt: f.updatedAt, updatedByName };
		}
		return out;
	}

	/**
	 * Saves one section from the version the form started from (0: never filled in). Another save
	 * in between: nothing is written, the caller shows the current content next to what was typed.
	 */
	async function save(caseFileId: string, section: FactSection, data: FactData, expectedVersion: number, actor: CaseActor): Promise<{ ok: true; version: number } | { ok: false }> {
		const sealed = sealText(keys, JSON.stringify({ code: data.code, date: data.date, text: data.text }), factContext(caseFileId, section));
		return db.transaction(async (tx) => {
			let version: number | undefined;
			if (expectedVersion === 0) {
				const [row] = await tx
					.insert(caseRestrictedFact)
					.values({ caseFileId, section, sealed, updatedBy: actor.userId })
					.onConflictDoNothing()
					.returning({ version: caseRestrictedFact.version });
				version = row?.version;
			} else {
				const [row] = await tx
					.update(caseRestrictedFact)
					.set({ sealed, version: sql`${caseRestrictedFact.version} + 1`, updatedBy: actor.userId, updatedAt: sql`now()` })
					.where(and(eq(caseRestrictedFact.caseFileId, caseFileId), eq(caseRestrictedFact.section, section), eq(caseRestrictedFact.version, expectedVersion)))
					.returning({ version: caseRestrictedFact.version });
				version = row?.version;
			}
			if (version === undefined) return { ok: false as const };
			await recordCaseChange(tx as unknown as Database, actor, caseFileId, section, 'case_fact.saved', { version });
			return { ok: true as const, version };
		});
	}

	return { get, save };
}
