// Backup and restore of the embedded database (PASSERELLE_DATA_DIR, default ./.data).
//   npm run backup                      -> writes passerelle-backup-YYYY-MM-DDTHH-MM.tar.gz
//   npm run backup -- path/to/file.tar.gz
//   npm run restore -- path/to/file.tar.gz   (into an empty or absent data folder)
// The app must be stopped: PGlite's folder is consistent only when closed. With PostgreSQL
// (DATABASE_URL) use pg_dump / pg_restore instead; see the README.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [command, file] = process.argv.slice(2);
const dataDir = path.resolve(process.env.PASSERELLE_DATA_DIR || './.data');

function fail(message) {
	console.error(`passerelle: ${message}`);
	process.exit(1);
}

function refuseWhileRunning() {
	const pidFile = path.join(dataDir, 'passerelle.pid');
	if (!existsSync(pidFile)) return;
	const pid = Number(readFileSync(pidFile, 'utf8'));
	try {
		process.kill(pid, 0);
		fail(`the app (pid ${pid}) is using ${dataDir}; stop it first`);
	} catch {
		/* stale pid file: the process is gone */
	}
}

if (process.env.DATABASE_URL) fail('DATABASE_URL is set: back up PostgreSQL with pg_dump (see the README)');

if (command === 'backup') {
	if (!existsSync(path.join(dataDir, 'pglite'))) fail(`no embedded database in ${dataDir}`);
	refuseWhileRunning();
	const stamp = new Date().toISOString().slice(0, 16).replace(':', '-');
	const out = path.resolve(file || `passerelle-backup-${stamp}.tar.gz`);
	// Case documents live beside the database (unless CASES_DOCUMENTS_DIR points elsewhere: back that up too).
	const folders = ['pglite', ...(existsSync(path.join(dataDir, 'documents')) ? ['documents'] : [])];
	const r = spawnSync('tar', ['-czf', out, '--exclude=passerelle.pid', '-C', dataDir, ...folders], { stdio: 'inherit' });
	if (r.status !== 0) fail('tar failed');
	console.log(`passerelle: backup written to ${out}`);
} else if (command === 'restore') {
	if (!file || !existsSync(file)) fail('usage: npm run restore -- path/to/backup.tar.gz');
	refuseWhileRunning();
	if (existsSync(dataDir) && readdirSync(dataDir).some((n) => n !== 'passerelle.pid')) {
		fail(`${dataDir} is not empty; move it away first (mv ${dataDir} ${dataDir}.old)`);
	}
	mkdirSync(dataDir, { recursive: true });
	const r = spawnSync('tar', ['-xzf', path.resolve(file), '-C', dataDir], { stdio: 'inherit' });
	if (r.status !== 0) fail('tar failed');
	console.log(`passerelle: restored ${file} into ${dataDir}`);
} else {
	fail('usage: node scripts/backup.js backup [file] | restore file');
}
