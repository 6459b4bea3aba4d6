import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token (256 bits by default) for links and session cookies. */
export function randomToken(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}

/** SHA-256 in hex: what we store of high-entropy tokens (sessions, invitations, resets). */
export function sha256(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export type Keys = {
	/** Keyed hashing of IP addresses and throttle keys. */
	hmac: Buffer;
	/** AES-256-GCM key for secrets at rest (TOTP secrets; later restricted notes). */
	encryption: Buffer;
};

/** Derives independent keys from the instance secret (HKDF-SHA256). */
export function deriveKeys(secret: string): Keys {
	const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'passerelle', info, 32));
	return { hmac: derive('hmac-v1'), encryption: derive('encryption-v1') };
}

export function keyedHash(key: Buffer, value: string): string {
	return createHmac('sha256', key).update(value).digest('base64url').slice(0, 22);
}

/** AES-256-GCM; the result is "v1.iv.tag.ciphertext" in base64url. */
export function encrypt(key: Buffer, plaintext: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, iv);
	const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decrypt(key: Buffer, sealed: string): string {
	const [version, iv, tag, data] = sealed.split('.');
	if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
	const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
