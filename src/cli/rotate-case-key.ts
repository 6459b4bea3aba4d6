// `npm run cli -- rotate-case-key`: re-encrypts restricted case content with the current key.
import { parseArgs } from 'node:util';
import { runtime, startRuntime, stopRuntime } from '$server/app/runtime';
import { createDocumentStore } from '$server/cases/cases.documents.storage';
import { buildKeyring } from '$server/cases/restricted-crypto';
import { rotateCaseKeys, type RotationCount } from '$server/cases/rotate-case-key';

export const rotateUsage = `  npm run cli -- rotate-case-key [--batch-size 200]
      Re-encrypts every restricted note, earlier note text, restricted fact and restricted document
      with the first key of CASES_ENCRYPTION_KEYS (or the instance key when it is unset), in
      batches; safe to stop and run again. Prints counts only. Once it reports nothing unreadable,
      the older keys can be removed from CASES_ENCRYPTION_KEYS.`;

export async function rotateCaseKeyCommand(args: string[], usage: string): Promise<number> {
	let batchSize: number;
	try {
		const { values } = parseArgs({ args, options: { 'batch-size': { type: 'string', default: '200' } } });
		batchSize = Number(values['batch-size']);
		if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('--batch-size must be a whole number from 1 to 10000');
	} catch (error) {
		console.error(`passerelle: ${(error as Error).message}\n\n${usage}`);
		return 2;
	}
	await startRuntime({ LOG_LEVEL: 'warn', ...process.env });
	try {
		const { database, config, keys } = runtime();
		const ring = buildKeyring(config.casesEncryptionKeys, keys.encryption);
		console.log(`Re-encrypting restricted case content with key "${ring.current.id}"${config.casesEncryptionKeys.length ? '' : ' (derived from the instance secret: set CASES_ENCRYPTION_KEYS in production)'}.`);
		const progress: Record<string, number> = {};
		const report = await rotateCaseKeys({
			db: database.db,
			keys: ring,
			store: createDocumentStore(config.documentsDir),
			batchSize,
			onBatch: (what, count) => {
				progress[what] = (progress[what] ?? 0) + count.reencrypted;
				if (count.reencrypted) console.log(`  ${what}: ${progress[what]} re-encrypted so far`);
			}
		});
		const line = (what: string, c: RotationCount) => `  ${what.padEnd(10)} ${String(c.reencrypted).padStart(7)} re-encrypted, ${c.unreadable} unreadable`;
		console.log(['Done.', line('notes', report.notes), line('revisions', report.revisions), line('facts', report.facts), line('documents', report.documents)].join('\n'));
		const unreadable = report.notes.unreadable + report.revisions.unreadable + report.facts.unreadable + report.documents.unreadable;
		if (unreadable) {
			console.error(`passerelle: ${unreadable} item(s) could not be opened with the configured keys (a key missing from CASES_ENCRYPTION_KEYS, or damaged content); they were left as they are. Keep the older keys until this reports 0.`);
			return 1;
		}
		return 0;
	} finally {
		await stopRuntime();
	}
}
