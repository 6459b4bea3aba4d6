import type { Database } from '../../db/client';

/**
 * Erasure by anonymisation (GDPR art. 17) runs every registered step inside the transaction that
 * anonymises the file's identity, consents and grants (anonymise.usecases.ts). Each part of the
 * case-file domain that stores something about the person registers a step that deletes it (notes,
 * documents, restricted facts) or strips it to what statistics count (Parcours steps, referrals).
 *
 * Add a step:
 *   1. beside your tables (e.g. `cases/cases.notes.rights.ts`, which deletes rows in `run` and
 *      collects the documents' storage keys, then removes those files in `afterCommit`):
 *        registerErasureStep({ key: 'notes', order: 60,
 *          async run(tx, caseFileId) { const n = await …delete…; return { deleted: n }; },
 *          async afterCommit(db, caseFileId) { …remove the files whose rows run() deleted… } });
 *   2. import that file once in `rights/parts.ts` (one line).
 * `run` gets the transaction: if any step throws, nothing is anonymised and the file stays as it
 * was (the retention job counts it as failed and tries again the next day). It returns counts
 * (ids and numbers only), written into the audit row of the anonymisation as `<key>_<name>`.
 * `afterCommit` is for what a transaction cannot undo (files on disk): it runs once the
 * anonymisation is committed; its failure is logged, never undoes the anonymisation, and must be
 * safe to retry (the step's rows are already gone: sweep what no row refers to).
 */
export type ErasureStep = {
	/** A stable name, e.g. 'notes' (letters and digits). */
	key: string;
	/** Steps run in this order, before the file's own identity is anonymised. */
	order: number;
	run(tx: Database, caseFileId: string): Promise<Record<string, number> | void>;
	afterCommit?(db: Database, caseFileId: string): Promise<void>;
};

const steps = new Map<string, ErasureStep>();

export function registerErasureStep(step: ErasureStep): void {
	if (steps.has(step.key)) throw new Error(`erasure step ${step.key} is registered twice`);
	if (!/^[a-z][a-zA-Z0-9]*$/.test(step.key)) throw new Error(`erasure step key ${step.key} must be camelCase letters and digits`);
	steps.set(step.key, step);
}

/** The registered steps, in order. */
export function erasureSteps(): ErasureStep[] {
	return [...steps.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
