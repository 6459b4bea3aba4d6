import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../config/config';

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The embedded database is a folder that one process may open at a time: a second process on the
 * same folder would corrupt it. A pid file stops the second one with a clear sentence; a file left
 * by a process that died is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
	const file = path.join(dataDir, 'passerelle.pid');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(file, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (pid && pid !== process.pid && alive(pid)) {
				throw new StartupError(
					`database: another Passerelle process (pid ${pid}) is using ${dataDir}; stop it, or set PASSERELLE_DATA_DIR or DATABASE_URL`
				);
			}
			rmSync(file, { force: true });
		}
	}
	throw new StartupError(`database: cannot lock ${dataDir}`);
}
