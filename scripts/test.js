// The README's test command: every Vitest suite (units, database, browser) in one run.
// Browser tests drive Debian's Chromium and the booklet's are read with poppler; when missing,
// we install them as root, or say how.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureBuild } from './ensure-build.js';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Debian packages the suites use: Chromium (browser tests), poppler-utils (the booklet's PDFs read back).
const needed = [
	{ bin: chromium, pkg: 'chromium', why: `the browser tests need Chromium at ${chromium} (or set CHROMIUM_PATH)` },
	{ bin: '/usr/bin/pdftotext', pkg: 'poppler-utils', why: 'the booklet tests read PDFs with pdftotext and pdftoppm' },
	{ bin: '/usr/bin/soffice', pkg: 'libreoffice-calc-nogui', why: 'the courses report test converts its XLSX to CSV with LibreOffice' }
].filter((n) => !existsSync(n.bin));

if (needed.length) {
	if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
		console.log(`passerelle: installing Debian's ${needed.map((n) => n.pkg).join(', ')} for the tests…`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		const r = spawnSync('apt-get', ['install', '-y', '-qq', ...needed.map((n) => n.pkg)], { stdio: 'inherit', env });
		if (r.status !== 0) process.exit(r.status ?? 1);
	} else {
		console.error(`passerelle: ${needed.map((n) => n.why).join('; ')}.\nInstall Debian's packages: sudo apt-get install ${needed.map((n) => n.pkg).join(' ')}`);
		process.exit(1);
	}
}

ensureBuild();
const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
