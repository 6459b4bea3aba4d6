import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Accepted attachments and the size limit (said on the page; BODY_SIZE_LIMIT must leave room for it). */
export const documentKinds = ['pdf', 'jpeg', 'png', 'webp'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const mediaTypes: Record<DocumentKind, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
export const extensions: Record<DocumentKind, string> = { pdf: 'pdf', jpeg: 'jpg', png: 'png', webp: 'webp' };

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a file read from its first bytes (its "magic number"), never from its name or the
 * browser's claim: PDF (%PDF-), JPEG (FF D8 FF), PNG (its 8-byte signature), WebP (RIFF....WEBP).
 */
export function sniffDocument(bytes: Uint8Array): DocumentKind | null {
	if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
	return null;
}

/**
 * What the upload says it is: from its name's extension, else the browser's type. 'other' is a
 * type we do not accept; null means it says nothing (no extension, application/octet-stream).
 */
export function declaredKind(fileName: string, browserType: string): DocumentKind | 'other' | null {
	const ext = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
	if (ext) {
		const byExt: Record<string, DocumentKind> = { pdf: 'pdf', jpg: 'jpeg', jpeg: 'jpeg', jpe: 'jpeg', png: 'png', webp: 'webp' };
		return byExt[ext] ?? 'other';
	}
	const type = browserType.split(';')[0]!.trim().toLowerCase();
	if (!type || type === 'application/octet-stream') return null;
	const byType = Object.entries(mediaTypes).find(([, m]) => m === type || (m === 'image/jpeg' && type === 'image/jpg'));
	return byType ? (byType[0] as DocumentKind) : 'other';
}

export type UploadCheck =
	| { ok: true; kind: DocumentKind }
	| { ok: false; problem: 'empty' | 'tooLarge' | 'unsupported' | 'mismatch'; declared?: DocumentKind | 'other' | null; detected?: DocumentKind | null };

/** Accepts PDF, JPEG, PNG and WebP whose content is what their name says; refuses the rest with the reason. */
export function checkUpload(bytes: Uint8Array, fileName: string, browserType: string): UploadCheck {
	if (bytes.length === 0) return { ok: false, problem: 'empty' };
	if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, problem: 'tooLarge' };
	const detected = sniffDocument(bytes);
	const declared = declaredKind(fileName, browserType);
	if (detected === null) return { ok: false, problem: declared && declared !== 'other' ? 'mismatch' : 'unsupported', declared, detected };
	if (declared !== null && declared !== detected) return { ok: false, problem: 'mismatch', declared, detected };
	return { ok: true, kind: detected };
}

/**
 * The documents folder: outside the web root, one file per document under a random name. Writes
 * go to a temporary file renamed into place, so a file is whole or absent.
 */
export function createDocumentStore(dir: string) {
	const at = (key: string) => {
		if (!/^[A-Za-z0-9_-]{16,64}$/.test(key)) throw new Error('invalid storage key');
		return path.join(dir, key);
	};
	return {
		dir,
		newKey: () => randomBytes(18).toString('base64url'),
		async write(key: string, bytes: Uint8Array): Promise<void> {
			await mkdir(dir, { recursive: true, mode: 0o700 });
			const tmp = `${at(key)}.${randomBytes(4).toString('hex')}.tmp`;
			await writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
			await rename(tmp, at(key));
		},
		read: (key: string): Promise<Buffer> => readFile(at(key)),
		async remove(key: string): Promise<void> {
			await rm(at(key), { force: true });
		}
	};
}
export type DocumentStore = ReturnType<typeof createDocumentStore>;
