// The README's test command: every Vitest suite (units, database, browser) in one run.
// Browser tests drive Debian's Chromium; when it is missing we install it as root, or say how.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureBuild } from './ensure-build.js';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log('passerelle: installing Debian\'s chromium for the browser tests…');
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
		if (r.status !== 0) process.exit(r.status ?? 1);
	} else {
		console.error(
			`passerelle: the browser tests need Chromium at ${chromium}.\n` +
				'Install Debian\'s package: sudo apt-get install chromium (or set CHROMIUM_PATH).'
		);
		process.exit(1);
	}
}

ensureBuild();
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
