// Shared by the benchmarks: a free loopback port, and the built app started on one.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export const freePort = () =>
	new Promise((resolve) => {
		const srv = createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});

/**
 * Starts build/index.js on a free port with `env` and waits for /healthz. No ORIGIN is inherited:
 * links (and the booklet's cache key) follow the Host header of the bench's requests.
 */
export async function startApp(env) {
	const port = await freePort();
	const { ORIGIN: _origin, ...inherited } = process.env;
	const child = spawn(process.execPath, ['build/index.js'], { cwd: root, env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
	const url = `http://127.0.0.1:${port}`;
	for (;;) {
		try {
			if ((await fetch(`${url}/healthz`)).ok) break;
		} catch {
			/* starting */
		}
		if (child.exitCode !== null) throw new Error('app exited');
		await new Promise((r) => setTimeout(r, 50));
	}
	return { url, port, stop: () => new Promise((r) => (child.kill('SIGTERM'), child.once('exit', r))) };
}
