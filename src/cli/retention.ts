// `npm run cli -- retention [--dry-run]`: what the daily retention job would anonymise, or run it now.
import { parseArgs } from 'node:util';
import { runtime, startRuntime, stopRuntime } from '$server/app/runtime';
import { fileReference } from '$server/cases/rights/reference';
import { filesDueForRetention, runRetention } from '$server/cases/rights/retention.usecases';

export const retentionUsage = `  npm run cli -- retention [--dry-run]
      Closed case files are anonymised CASE_RETENTION_YEARS (default 5) after closing, by a daily job.
      --dry-run lists the files the next run would anonymise (reference, closing date, organisation;
      never a name) without changing anything; without it, runs the job now and prints the counts.
      The same run erases name and contact of course requests made without a file that ended
      (or whose course ended) before the same cutoff.`;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

export async function retentionCommand(args: string[]): Promise<number> {
	const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean', default: false } } });
	await startRuntime({ LOG_LEVEL: 'warn', ...process.env });
	try {
		const { database, config } = runtime();
		const years = config.caseRetentionYears;
		const now = new Date();
		if (values['dry-run']) {
			const { cutoff, total, files, courseRequests } = await filesDueForRetention(database.db, { now, years, limit: 10_000 });
			console.log(`Retention: ${years} years after closing; files closed before ${day(cutoff)} are due.`);
			console.log(`${total} file(s) would be anonymised${total > files.length ? ` (the first ${files.length} listed)` : ''}.`);
			for (const f of files) console.log(`  ${fileReference(f.id)}  closed ${day(f.closedAt)}  ${f.ownerName}`);
			console.log(`${courseRequests} course request(s) made without a file would lose their name and contact.`);
			return 0;
		}
		const report = await runRetention(database.db, { now, years, trigger: 'cli' });
		console.log(`Retention: anonymised ${report.anonymised} file(s) closed before ${day(report.cutoff)}; ${report.failed} failed; erased the name and contact of ${report.courseRequestsErased} course request(s) made without a file.`);
		return report.failed ? 1 : 0;
	} finally {
		await stopRuntime();
	}
}
