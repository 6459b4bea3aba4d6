import { runtime, type Runtime } from '../app/runtime';
import { buildKeyring, type Keyring } from './restricted-crypto';

const rings = new WeakMap<Runtime, Keyring>();

/** The keyring of the running app, built once per runtime from CASES_ENCRYPTION_KEYS and the instance secret. */
export function caseKeyring(): Keyring {
	const r = runtime();
	let ring = rings.get(r);
	if (!ring) {
		ring = buildKeyring(r.config.casesEncryptionKeys, r.keys.encryption);
		rings.set(r, ring);
	}
	return ring;
}
