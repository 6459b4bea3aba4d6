import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

// Typst typesetting for the printable documents (booklet, service sheet), kept apart from what
// they contain: one worker thread per process, the shipped fonts only.

export class TypesetError extends Error {}

/** assets/fonts: beside the working directory (the built app runs from the project root), or found from this file. */
function fontsDirectory(): string {
	const candidates = [process.env.PASSERELLE_FONTS_DIR, resolve(process.cwd(), 'assets/fonts'), fileURLToPath(new URL('../../../../assets/fonts', import.meta.url))];
	const found = candidates.find((d): d is string => Boolean(d) && existsSync(join(d!, 'NotoSans-Regular.ttf')));
	if (!found) throw new Error('The booklet fonts (assets/fonts) were not found: set PASSERELLE_FONTS_DIR');
	return found;
}

/**
 * Typst runs in a worker thread: typesetting 200 services takes about a second of native,
 * synchronous work, which on the main thread would stall every other request meanwhile.
 * One worker per process, created on first use; it typesets one document at a time, in order.
 * Its code is inline (eval) so it ships inside the bundle; it loads the compiler from the path
 * the main thread resolved.
 */
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { NodeCompiler } = require(workerData.compilerPath);
const fontBlobs = readdirSync(workerData.fontsDir).filter((f) => f.endsWith('.ttf')).sort().map((f) => readFileSync(join(workerData.fontsDir, f)));
const compiler = NodeCompiler.create({ workspace: workerData.workspace, fontArgs: [{ fontBlobs }] });
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, source, data, timestamp }) => {
	try {
		const result = compiler.compile({ mainFileContent: source, inputs: { data } });
		const doc = result.result;
		if (result.hasError() || !doc) {
			const err = result.takeError();
			parentPort.postMessage({ id, error: JSON.stringify((err && err.shortDiagnostics) || []).slice(0, 2000) });
			return;
		}
		const pdf = compiler.pdf(doc, { creationTimestamp: timestamp });
		// Memoised layouts of older documents are dropped so the worker does not grow.
		compiler.evictCache(10);
		const bytes = new Uint8Array(pdf);
		parentPort.postMessage({ id, pdf: bytes }, [bytes.buffer]);
	} catch (e) {
		parentPort.postMessage({ id, error: String((e && e.message) || e).slice(0, 2000) });
	}
});
`;

type Pending = { resolve: (pdf: Buffer) => void; reject: (e: Error) => void };
let typesetter: { worker: Worker; ready: Promise<void>; pending: Map<number, Pending>; next: number } | null = null;

/**
 * The worker, started once. Typst also scans the system's fonts unless fontconfig names other
 * folders: while the worker creates its compiler, FONTCONFIG_FILE (process-wide) points at a
 * configuration whose only folder is empty, so the shipped fonts (and Typst's embedded
 * defaults) are the only ones, here and on CI.
 */
function typesetterWorker() {
	if (typesetter) return typesetter;
	const compilerPath = createRequire(import.meta.url).resolve('@myriaddreamin/typst-ts-node-compiler');
	const workspace = mkdtempSync(join(tmpdir(), 'passerelle-fonts-'));
	const conf = join(workspace, 'fonts.conf');
	writeFileSync(conf, `<?xml version="1.0"?>\n<fontconfig><dir>${join(workspace, 'none')}</dir></fontconfig>\n`);
	const previous = process.env.FONTCONFIG_FILE;
	process.env.FONTCONFIG_FILE = conf;
	const restore = () => {
		if (previous === undefined) delete process.env.FONTCONFIG_FILE;
		else process.env.FONTCONFIG_FILE = previous;
	};
	const worker = new Worker(workerCode, { eval: true, workerData: { compilerPath, fontsDir: fontsDirectory(), workspace } });
	// The worker never keeps the process alive (shutdown stays immediate).
	worker.unref();
	const pending = new Map<number, Pending>();
	const state = {
		worker,
		pending,
		next: 1,
		ready: new Promise<void>((resolveReady, rejectReady) => {
			worker.once('message', () => {
				restore();
				resolveReady();
			});
			worker.once('error', (e) => {
				restore();
				rejectReady(e);
			});
		})
	};
	worker.on('message', (m: { id?: number; pdf?: Uint8Array; error?: string }) => {
		if (!m.id) return;
		const p = pending.get(m.id);
		pending.delete(m.id);
		if (!p) return;
		if (m.pdf) p.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
		else p.reject(new TypesetError(`Typst could not typeset the document: ${m.error ?? ''}`));
	});
	// A crashed worker fails what it held; the next booklet starts a new one.
	worker.on('error', (e) => {
		for (const p of pending.values()) p.reject(e instanceof Error ? e : new Error(String(e)));
		pending.clear();
		if (typesetter === state) typesetter = null;
	});
	worker.on('exit', () => {
		if (typesetter === state) typesetter = null;
	});
	typesetter = state;
	// A worker with the native compiler loaded keeps the process alive even unref'd: stop it
	// with the server (SIGTERM → SvelteKit's shutdown event), so the process ends cleanly.
	process.once('sveltekit:shutdown', () => void worker.terminate());
	return state;
}

/** Typesets a Typst source with its data (JSON, read by the template as `sys.inputs.data`) into a PDF, in the worker thread. */
export async function typeset(source: string, data: string, now: Date = new Date()): Promise<Buffer> {
	const t = typesetterWorker();
	await t.ready;
	const id = t.next++;
	return new Promise<Buffer>((resolvePdf, reject) => {
		t.pending.set(id, { resolve: resolvePdf, reject });
		t.worker.postMessage({ id, source, data, timestamp: Math.floor(now.getTime() / 1000) });
	});
}
