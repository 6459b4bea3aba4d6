// Builds the app when build/ is missing or older than its sources, so that a fresh clone's
// `npm start` and `npm test` work without a separate build step, and a second start is instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const marker = path.join(root, 'build', 'index.js');
const inputs = ['src', 'static', 'data', 'svelte.config.js', 'vite.config.ts', 'vite.cli.config.ts', 'package.json', 'package-lock.json'];
const cliMarker = path.join(root, 'build', 'cli', 'cli.js');

function newest(p) {
	if (!existsSync(p)) return 0;
	const s = statSync(p);
	if (!s.isDirectory()) return s.mtimeMs;
	return readdirSync(p).reduce((m, name) => Math.max(m, newest(path.join(p, name))), s.mtimeMs);
}

export function ensureBuild({ quiet = false } = {}) {
	const built = existsSync(marker) && existsSync(cliMarker) ? Math.min(statSync(marker).mtimeMs, statSync(cliMarker).mtimeMs) : 0;
	const sources = Math.max(...inputs.map((i) => newest(path.join(root, i))));
	if (built > sources) return;
	if (!quiet) console.log('passerelle: building the app (vite build)…');
	const vite = path.join(root, 'node_modules', '.bin', 'vite');
	for (const args of [['build', '--logLevel', 'warn'], ['build', '--config', 'vite.cli.config.ts']]) {
		const result = spawnSync(vite, args, { cwd: root, stdio: 'inherit' });
		if (result.status !== 0) {
			console.error('passerelle: the build failed');
			process.exit(result.status ?? 1);
		}
	}
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuild();
