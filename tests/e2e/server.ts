import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export type RunningServer = {
	url: string;
	process: ChildProcess;
	dataDir: string;
	/** Everything the process printed on stdout, line by line. */
	stdout: string[];
	stderr: string[];
	stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/**
 * Where the global set-up keeps a demo instance seeded once (an embedded database folder, never
 * started again). A suite that only needs a fresh demo instance starts on a copy of it
 * (`fromDemoTemplate`): copying takes under a second where migrating and seeding take 10 s or more.
 * Suites that test a first start, or start with settings that change what is seeded (encryption
 * keys, no demo), start empty as before.
 */
export const DEMO_TEMPLATE = 'PASSERELLE_E2E_DEMO_TEMPLATE';

/** Seeds the demo template (see DEMO_TEMPLATE) in a new folder and returns it. */
export async function makeDemoTemplate(): Promise<string> {
	const dir = mkdtempSync(path.join(tmpdir(), 'passerelle-e2e-template-'));
	const server = await startServer({ PASSERELLE_DATA_DIR: dir, PASSERELLE_DEMO: '1' });
	const code = await server.stop();
	if (code !== 0) throw new Error(`the demo template's server stopped with ${code}: ${server.stderr.join('\n')}`);
	return dir;
}

/**
 * Starts the built app (build/index.js) as `npm start` would, on a free port with its own
 * embedded database folder, and waits for /healthz. Extra variables override the defaults;
 * DATABASE_URL is passed through only when given in `env`.
 */
export async function startServer(env: Record<string, string> = {}, { wait = true, fromDemoTemplate = false } = {}): Promise<RunningServer> {
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const dataDir = env.PASSERELLE_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'passerelle-e2e-'));
	const template = process.env[DEMO_TEMPLATE];
	if (fromDemoTemplate && template && existsSync(template) && readdirSync(dataDir).length === 0) cpSync(template, dataDir, { recursive: true });
	const { DATABASE_URL: _ignored, ...inherited } = process.env;
	const child = spawn(process.execPath, ['build/index.js'], {
		cwd: root,
		env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', PASSERELLE_DATA_DIR: dataDir, LOG_LEVEL: 'info', BODY_SIZE_LIMIT: '6M', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const stdout: string[] = [];
	const stderr: string[] = [];
	const collect = (into: string[]) => {
		let buffer = '';
		return (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			const lines = buffer.split('\n');
			buffer = lines.pop()!;
			into.push(...lines);
		};
	};
	child.stdout!.on('data', collect(stdout));
	child.stderr!.on('data', collect(stderr));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const url = `http://127.0.0.1:${port}`;
	const server: RunningServer = {
		url,
		process: child,
		dataDir,
		stdout,
		stderr,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			const code = await exited;
			if (!env.PASSERELLE_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
			return code;
		}
	};
	if (!wait) return server;
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr.join('\n')}`);
		try {
			const res = await fetch(`${url}/healthz`);
			if (res.ok) return server;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	await server.stop('SIGKILL');
	throw new Error('server did not become healthy within 3 minutes');
}

/** Runs the app and waits for it to end by itself (a start-up failure). */
export async function runUntilExit(env: Record<string, string>, timeoutMs = 30_000) {
	const server = await startServer(env, { wait: false });
	const code = await Promise.race([
		new Promise<number | null>((resolve) => server.process.once('exit', (c) => resolve(c))),
		new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs))
	]);
	if (code === 'timeout') await server.stop('SIGKILL');
	else await server.stop();
	return { code, stdout: server.stdout, stderr: server.stderr };
}
