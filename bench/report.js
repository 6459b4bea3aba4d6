// npm run bench -- report
// The courses' quarterly report on generated data: 100,000 enrolments (one per beneficiary), 400
// courses with 10,000 sessions, 2,000,000 attendance rows, 20,000 searches with no result, filled
// with SQL generate_series; then the report (both quarters' aggregates, as the page builds it)
// timed in-process, p50/p95 over REPORT_BENCH_ROUNDS runs, for the whole territory, an
// arrondissement and a municipality. Targets: ≤ 1 s on PostgreSQL, ≤ 5 s on PGlite.
// The use-case is TypeScript: this runs bench/report.run.ts with tsx (a dev dependency already).
// PostgreSQL: DATABASE_URL (a server where the bench may create and drop a database) or, when
// absent, the throwaway cluster of bench/lib.js. REPORT_BENCH_ENGINES=postgres or =pglite runs one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export async function run() {
	const engines = (process.env.REPORT_BENCH_ENGINES ?? 'postgres,pglite').split(',');
	let pg = null;
	if (engines.includes('postgres') && !process.env.DATABASE_URL) {
		const { throwawayPostgres } = await import('./lib.js');
		pg = await throwawayPostgres();
		if (!pg) console.log('\n(PostgreSQL: no /usr/lib/postgresql here and no DATABASE_URL; install postgresql to measure it.)');
	}
	try {
		const env = { ...process.env, REPORT_BENCH_ENGINES: engines.join(','), ...(pg ? { DATABASE_URL: pg.url } : {}) };
		const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
		const result = spawnSync(tsx, [path.join(root, 'bench', 'report.run.ts')], { cwd: root, env, stdio: 'inherit' });
		if (result.status !== 0) console.error(`report bench exited with ${result.status}`);
	} finally {
		pg?.stop();
	}
}
