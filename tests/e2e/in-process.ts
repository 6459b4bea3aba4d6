import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { root } from './server';

type KitServer = {
	init(options: { env: Record<string, string>; read?: (file: string) => ReadableStream }): Promise<void>;
	respond(request: Request, options: { getClientAddress(): string }): Promise<Response>;
};
export type KitManifest = {
	_: {
		routes: { id: string; page: { leaf: number } | null; endpoint: (() => Promise<Record<string, unknown>>) | null }[];
		nodes: (() => Promise<{ server?: { actions?: Record<string, unknown> } }>)[];
	};
};

/**
 * The built app (SvelteKit's server output) in this process, on its own database: requests go
 * through hooks, routes and policies exactly as in production, and the test reaches the same
 * database through the runtime the app started.
 */
export async function startInProcess(): Promise<{ request: (path: string, init?: RequestInit) => Promise<Response>; manifest: KitManifest; close(): Promise<void> }> {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'passerelle-inproc-'));
	let drop: (() => Promise<void>) | undefined;
	const env: Record<string, string> = { PASSERELLE_DATA_DIR: dataDir, PASSERELLE_DEMO: '0', LOG_LEVEL: process.env.INPROC_LOG ?? 'silent' };
	if (process.env.DATABASE_URL) {
		const name = `passerelle_inproc_${Date.now()}`;
		const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database ${name}`);
		const url = new URL(process.env.DATABASE_URL);
		url.pathname = `/${name}`;
		env.DATABASE_URL = url.toString();
		drop = async () => {
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		};
	}
	Object.assign(process.env, env);
	const { Server } = (await import(path.join(root, '.svelte-kit/output/server/index.js'))) as { Server: new (m: unknown) => KitServer };
	const { manifest } = (await import(path.join(root, '.svelte-kit/output/server/manifest.js'))) as { manifest: KitManifest };
	const server = new Server(manifest);
	await server.init({ env: process.env as Record<string, string> });
	return {
		manifest,
		request: (p, init) => server.respond(new Request(`http://localhost${p}`, init), { getClientAddress: () => '192.0.2.10' }),
		async close() {
			const { stopRuntime } = await import('../../src/lib/server/app/runtime');
			await stopRuntime();
			await drop?.();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
