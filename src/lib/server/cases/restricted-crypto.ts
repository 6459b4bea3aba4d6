import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { CaseKey } from '../config/config';

/**
 * Encryption at rest of restricted case content: restricted notes and their earlier versions,
 * the residence/health/legal facts, restricted documents and their file names. AES-256-GCM with a
 * random 96-bit IV; every ciphertext names the key it was made with, so keys can rotate
 * (`npm run cli -- rotate-case-key`) and old ones be removed once nothing uses them. The
 * "context" (table, row id, field) is bound as additional authenticated data: a ciphertext moved
 * to another row or file does not open.
 *
 * Keys: CASES_ENCRYPTION_KEYS (the first encrypts, all decrypt). Without it, a key derived from the
 * instance secret (id "instance"), which is always kept for reading so that data written before
 * the variable was set stays readable until rotated.
 */
export type Keyring = {
	/** The key new content is encrypted with. */
	current: CaseKey;
	byId: ReadonlyMap<string, Buffer>;
};

export const INSTANCE_KEY_ID = 'instance';

/** Why restricted content could not be opened: never its content. */
export class RestrictedContentError extends Error {
	override name = 'RestrictedContentError';
	constructor(readonly reason: 'format' | 'unknown-key' | 'tampered', readonly keyId?: string) {
		super(reason === 'unknown-key' ? `restricted content: key "${keyId}" is not configured` : `restricted content: ${reason}`);
	}
}

/** The key derived from the instance secret's encryption key (independent of the TOTP use). */
export function instanceCaseKey(instanceEncryptionKey: Buffer): Buffer {
	return Buffer.from(hkdfSync('sha256', instanceEncryptionKey, 'passerelle', 'cases-restricted-v1', 32));
}

export function buildKeyring(configured: readonly CaseKey[], instanceEncryptionKey: Buffer): Keyring {
	const instance: CaseKey = { id: INSTANCE_KEY_ID, key: instanceCaseKey(instanceEncryptionKey) };
	const byId = new Map<string, Buffer>();
	for (const k of configured) byId.set(k.id, k.key);
	byId.set(instance.id, instance.key);
	return { current: configured[0] ?? instance, byId };
}

function keyFor(ring: Keyring, id: string): Buffer {
	const key = ring.byId.get(id);
	if (!key) throw new RestrictedContentError('unknown-key', id);
	return key;
}

const TEXT_PREFIX = 'rc1';

/** Encrypts a text: "rc1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts). */
export function sealText(ring: Keyring, plaintext: string, context: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return [TEXT_PREFIX, ring.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/** The key id a sealed text names (null when it is not one). */
export function textKeyId(sealed: string): string | null {
	const parts = sealed.split('.');
	return parts.length === 5 && parts[0] === TEXT_PREFIX ? parts[1]! : null;
}

/** Decrypts a sealed text; a changed byte, another context or a missing key throws RestrictedContentError. */
export function openText(ring: Keyring, sealed: string, context: string): string {
	const parts = sealed.split('.');
	if (parts.length !== 5 || parts[0] !== TEXT_PREFIX) throw new RestrictedContentError('format');
	const [, id, iv, tag, data] = parts as [string, string, string, string, string];
	const key = keyFor(ring, id);
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
		decipher.setAAD(Buffer.from(context, 'utf8'));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
	} catch {
		throw new RestrictedContentError('tampered', id);
	}
}

/** Re-encrypts with the current key; returns null when the text already uses it. */
export function resealText(ring: Keyring, sealed: string, context: string): string | null {
	if (textKeyId(sealed) === ring.current.id) return null;
	return sealText(ring, openText(ring, sealed, context), context);
}

// Files: "PRC1" | key id length (1 byte) | key id | iv (12) | tag (16) | ciphertext.
const FILE_MAGIC = Buffer.from('PRC1', 'latin1');

export function sealBytes(ring: Keyring, plaintext: Uint8Array, context: string): Buffer {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
	const id = Buffer.from(ring.current.id, 'latin1');
	return Buffer.concat([FILE_MAGIC, Buffer.from([id.length]), id, iv, cipher.getAuthTag(), data]);
}

export function bytesKeyId(sealed: Uint8Array): string | null {
	const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
	if (b.length < 5 || !b.subarray(0, 4).equals(FILE_MAGIC)) return null;
	const length = b[4]!;
	return b.length >= 5 + length + 28 ? b.subarray(5, 5 + length).toString('latin1') : null;
}

export function openBytes(ring: Keyring, sealed: Uint8Array, context: string): Buffer {
	const id = bytesKeyId(sealed);
	if (id === null) throw new RestrictedContentError('format');
	const b = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
	const at = 5 + id.length;
	const key = keyFor(ring, id);
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(at, at + 12));
		decipher.setAAD(Buffer.from(context, 'utf8'));
		decipher.setAuthTag(b.subarray(at + 12, at + 28));
		return Buffer.concat([decipher.update(b.subarray(at + 28)), decipher.final()]);
	} catch {
		throw new RestrictedContentError('tampered', id);
	}
}
